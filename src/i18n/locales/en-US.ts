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
  'error.managedInPmc': 'Your membership is still managed in Partner Membership Center (PMC), so technical benefits cannot be activated here. Contact Partner Frontline to have them activated (R2.2).',
  'error.activationPending': '{name} is already being activated: allow a few days. I will tell you here when it is done.',
  'error.alreadyActive': '{name} is already active. Expand it to see its Access ID and Contract ID.',
  'error.notActivated': '{name} is not active yet. Activate it first (processing takes a few days); support requests can be filed once it is active.',
  'error.noIncidentsLeft': '{name} has no support incidents left.',
  'error.noHoursLeft': '{name} has no hours left.',
  'error.productKindNotCovered': '{name} does not cover that kind of product: use Signature Product Support for cloud products and Microsoft Product Support incidents for on-premises products (R6.4).',
  'error.productKindMissing': 'Choose the kind of product the problem is about, then send the request again.',
  'error.descriptionMissing': 'Describe the problem (or what you need advice on), then send the request again.',
  'error.activationConflict': '{name} is already active with other IDs.',
  'technical.activate': 'Activate',
  'technical.requestSupport': 'Request support',
  'technical.supportRequests': 'Support requests',
  'technical.activationRequested': 'Activation of {name} requested. Processing takes a few days; I will tell you here when it is done, with its Access ID and Contract ID.',
  'support.title': 'Request support',
  'support.kind': 'Type',
  'support.kind.breakFix': 'Technical support (break-fix)',
  'support.kind.presalesDeployment': 'Technical presales and deployment',
  'support.product': 'Product',
  'support.product.cloud': 'Cloud product (such as Microsoft 365)',
  'support.product.onPremises': 'On-premises product (current or previous version)',
  'support.product.azureNonCsp': 'Azure (not bought through CSP)',
  'support.product.dynamics': 'Dynamics',
  'support.productRequired': 'Choose the kind of product.',
  'support.description': 'Description',
  'support.descriptionPlaceholder': 'What is not working, the error message you see, or what you need advice on',
  'support.descriptionRequired': 'Describe the problem.',
  'support.idsNote': 'Requests about on-premises, Azure (non-CSP) and Dynamics products carry this benefit\'s Access ID and Contract ID (R6.5).',
  'support.submit': 'Submit',
  'support.cancel': 'Cancel',
  'support.filed': 'Support request {id} for {name} is recorded.',
  'support.filedWithIds': 'Support request {id} for {name} is recorded, with Access ID {accessId} and Contract ID {contractId}.',
  'support.list.title': 'Support requests',
  'support.list.titleFor': 'Support requests: {name}',
  'support.list.empty': 'No support requests have been filed yet.',
  'support.list.by': 'Filed by {name} on {date}',
  'support.list.id': 'Request',
  'help.cmd.supportRequests': 'the support requests filed on technical benefits',
  'notify.technical.title': 'Technical benefit activated',
  'notify.technical.text': '{name} is now active. Share its Access ID and Contract ID with the colleagues who file support requests (R6.3).',
  'notify.technical.open': 'Open Technical benefits',
  'notify.technical.summary': '{name} is now active, with Access ID {accessId} and Contract ID {contractId}.',
  'notify.undelivered': 'A notification could not be delivered to you ({reason}). It said: {summary}',
  'notify.reason.unreachable': 'the app was removed or blocked in our chat',
  'notify.reason.noConversation': 'we had no chat yet',
  // (end of issue 5)

  // ---- issue 6: Go-To-Market offers and cancellations ----
  // (end of issue 6)

  // ---- issue 7: Teams tab and app package ----
  // (end of issue 7)
} as const;

export type MessageKey = keyof typeof enUS;
