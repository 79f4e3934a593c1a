/** English strings. Partner Center's own words are used for its labels (R2.3, R3-R7). */
export const enUS = {
  'app.name': 'Partner Benefits',

  'role.globalAdmin': 'Global admin',
  'role.userAdmin': 'User admin',
  'role.adminAgent': 'Admin agent',
  'role.mpnPartnerAdmin': 'MPN partner admin',

  'group.software': 'Software',
  'group.cloud': 'Cloud',
  'group.visualStudio': 'Visual Studio subscriptions',
  'group.technical': 'Technical benefits',
  'group.goToMarket': 'Go-To-Market',

  'group.software.holds': '{total} products · keys revealed for {active}',
  'group.cloud.holds': '{total} subscriptions · {active} activated',
  'group.visualStudio.holds': '{total} subscriptions · {used} of {seats} seats assigned',
  'group.technical.holds': '{total} support benefits · {active} active · {pending} pending',
  'group.goToMarket.holds': '{total} offers · {active} active · {pending} pending',

  'state.none': 'None in your packages',
  'state.notActivated': 'Not activated',
  'state.partlyActive': 'Partly activated',
  'state.pending': 'Activation in progress',
  'state.allActive': 'All activated',

  'program.actionPack': 'Microsoft Action Pack',
  'program.silver': 'Silver: {competency}',
  'program.gold': 'Gold: {competency}',

  'overview.title': 'Benefits',
  'overview.subtitle': '{company} · MPN ID {mpnId}',
  'overview.packages': 'Benefit packages',
  'overview.purchased': 'purchased {date}, expires {expires}',
  'overview.pmc': 'Your membership is still managed in Partner Membership Center (PMC). Technical benefits cannot be activated here: contact Partner Frontline (R2.2).',
  'overview.open': 'Open',
  'overview.signedInAs': 'Signed in as {name} ({roles})',

  'list.back': 'Back to Benefits',
  'list.empty': 'Your benefit packages hold nothing in this group.',
  'list.details': 'Details',
  'list.package': 'Package',
  'list.state': 'State',

  'software.activated': 'Keys revealed by {name} on {date}',
  'software.notActivated': 'Keys not revealed yet',
  'software.keys': 'Product keys',
  'software.keyCount': '{count} key(s)',
  'software.downloads': 'Downloads',
  'software.downloadsFor': '{languages} · {oses}',
  'software.specialInstructions': 'Special instructions',

  'cloud.kind.usageBased': 'Usage-based',
  'cloud.kind.licenseBased': 'License-based',
  'cloud.kind': 'Type',
  'cloud.assignedTo': 'Assigned to {name} on {date}',
  'cloud.notAssigned': 'Not activated: a Global admin assigns themself as the user',
  'cloud.keysRevealed': 'Keys revealed by {name} on {date}',
  'cloud.keysNotRevealed': 'Keys not revealed yet',

  'vs.level': 'Level',
  'vs.seats': 'Seats',
  'vs.seatsUsed': '{used} of {total} assigned',
  'vs.holder': '{name}, since {date}',
  'vs.reassignableFrom': 'can be reassigned from {date}',
  'vs.noHolders': 'No seat assigned yet',

  'technical.kind.signatureProductSupport': 'Technical support (break-fix): cloud products',
  'technical.kind.productSupportIncidents': 'Technical support (break-fix): on-premises products',
  'technical.kind.presalesDeployment': 'Technical presales and deployment',
  'technical.incidents': 'Incidents: {remaining} of {total} left',
  'technical.hours': 'Hours: {remaining} of {total} left',
  'technical.active': 'Active since {date}',
  'technical.pending': 'Activation requested by {name} on {date}: allow a few days',
  'technical.notActivated': 'Not activated',
  'technical.accessId': 'Access ID',
  'technical.contractId': 'Contract ID',

  'gtm.tier.silverCore': 'Silver Core',
  'gtm.tier.goldCore': 'Gold Core',
  'gtm.tier.isvCoSellReady': 'ISV Co-sell ready',
  'gtm.status': 'Status',
  'gtm.expires': 'Expires',
  'gtm.status.available': 'Not activated',
  'gtm.status.pending': 'Pending: can take several days',
  'gtm.status.active': 'Active',
  'gtm.status.expired': 'Expired',
  'gtm.contact': 'Marketing contact',
  'gtm.contact.none': 'No marketing contact assigned yet: one is needed before any offer can be activated (R7.3).',

  'help.title': 'What I can do',
  'help.intro': 'I help the admins of {company} manage the Microsoft Partner Network membership benefits, as on the Benefits page of Partner Center.',
  'help.anon.intro': 'I help the admins of a Microsoft partner company manage their Microsoft Partner Network membership benefits, as on the Benefits page of Partner Center.',
  'help.cmd.benefits': 'the Benefits overview: every group and its state',
  'help.cmd.group': 'open one group of benefits',
  'help.cmd.help': 'this help',
  'help.notUnderstood': 'I did not understand "{text}". Here is what I can do:',
  'help.commands': 'Commands',

  'welcome.title': 'Welcome to Partner Benefits',
  'welcome.body': 'Here you manage your Microsoft Partner Network membership benefits by chatting: get software keys, assign subscriptions, activate technical support and Go-To-Market offers. I tell you here when an activation that takes a few days is done.',
  'welcome.start': 'Show my benefits',

  'error.notSetUp': 'No benefits inventory has been imported yet. An administrator imports it with "npm run import".',
  'error.foreignTenant': 'Your organization is not set up to use this bot. If you think it should be, ask your administrator.',
  'error.notRegistered': 'You are not in the list of people of your company in this bot yet. Ask a Global admin ({admins}) to add you.',
  'error.noRole': 'You have none of the Partner Center roles that give access to benefits (Global admin, User admin, Admin agent, MPN partner admin). Ask a Global admin ({admins}) to grant you one.',
  'error.forbidden': 'This needs the {roles} role ({rule}). Check with your Global admin: {admins}.',
  'error.notFound': 'That item no longer exists. Here is the current list.',
  'error.invalidPayload': 'That button sent something I cannot use. Open the list again and retry.',
  'error.unknownAction': 'That button is not one I know. Open the Benefits overview again.',
  'error.internal': 'Something went wrong on my side. Nothing was changed. Reference: {correlationId}',
  'error.reference': 'Reference: {correlationId}',
  'common.or': ' or ',
  'common.none': 'none',

  // ---- issue 3: Software and cloud benefits, keys, audit trail ----
  // (end of issue 3)

  // ---- issue 4: Visual Studio subscriptions, people and roles ----
  // (end of issue 4)

  // ---- issue 5: Technical benefits, processing, notifications ----
  // (end of issue 5)

  // ---- issue 6: Go-To-Market offers and cancellations ----
  // (end of issue 6)

  // ---- issue 7: Teams tab and app package ----
  'tab.title': 'Benefits dashboard',
  'tab.loading': 'Loading your benefits…',
  'tab.notInTeams': 'Open this page from the Partner Benefits app in Microsoft Teams: it shows your benefits only to a person Teams has signed in.',
  'tab.signInFailed': 'Teams could not sign you in to the dashboard, so nothing is shown. Close the tab and open it again; if it keeps failing, ask your administrator to check the app\'s single sign-on setup.',
  'tab.error.unauthenticated': 'Your sign-in could not be verified, so nothing is shown. Close the tab and open it again.',
  'tab.error.unavailable': 'The dashboard could not be loaded. Try again in a moment.',
  'tab.groups': 'Benefit groups',
  'tab.pending': 'Pending activations',
  'tab.pending.none': 'No activation is waiting to be processed.',
  'tab.offers': 'Go-To-Market offers',
  'tab.offers.none': 'Your benefit packages open no Go-To-Market offer.',
  'tab.offers.name': 'Offer',
  'tab.offers.tier': 'Offer type',
  'tab.abilities': 'What you can do',
  'tab.allowed': 'Allowed',
  'tab.needs': 'Needs {roles} ({rule})',
  'tab.can.revealSoftwareKeys': 'Get keys for software',
  'tab.can.activateBenefit': 'Activate benefits',
  'tab.can.assignBenefit': 'Assign benefits and subscriptions to employees',
  'tab.can.manageGoToMarket': 'Go-To-Market offers and the marketing contact',
  'tab.can.manageUsers': 'Add new users',
  'tab.chatHint': 'To act on a benefit, say "benefits" to the bot in chat.',
  // (end of issue 7)
} as const;

export type MessageKey = keyof typeof enUS;
