import type { Role } from './roles.js';

/** Text a person reads, in both languages of the product. */
export interface LocalizedText {
  'en-US': string;
  'ja-JP': string;
}

/** A secret sealed by the KeySealer port: the domain never holds a product key in the clear. */
export interface SealedSecret {
  alg: 'A256GCM';
  iv: string;
  tag: string;
  data: string;
}

/** R2.1: a benefit package the company bought. */
export type Program = 'actionPack' | 'silver' | 'gold';

export interface BenefitPackage {
  id: string;
  program: Program;
  /** The competency area for Silver / Gold (e.g. "Cloud Platform"); absent for Action Pack. */
  competency?: string;
  /** ISO date (YYYY-MM-DD) of purchase: R8.1 counts 30 days from it. */
  purchasedOn: string;
  /** ISO date the membership of this package ends. */
  expiresOn: string;
}

export interface Organization {
  tenantId: string;
  name: string;
  mpnId: string;
  /** The company's Partner Center account email (R7.3: the marketing contact's must differ). */
  partnerCenterAccountEmail: string;
  /** R2.2: true while the membership is still managed in Partner Membership Center. */
  managedInPmc: boolean;
  packages: BenefitPackage[];
}

export interface Person {
  aadObjectId: string;
  name: string;
  /**
   * How the name is read (フリガナ: "サトウ ミサキ"), when given: Japanese lists order by it (五十音),
   * since no collation can order kanji by how a name is read.
   */
  nameReading?: string;
  email: string;
  roles: Role[];
}

/** Who did something, and when (ISO timestamp). */
export interface Stamp {
  by: string;
  at: string;
}

export interface DownloadLink {
  language: string;
  os: string;
  url: string;
}

/** R3: a licensed software product. */
export interface SoftwareBenefit {
  id: string;
  packageId: string;
  name: string;
  description: LocalizedText;
  keys: SealedSecret[];
  specialInstructions?: LocalizedText;
  downloads: DownloadLink[];
  /** R3.4: set when keys were first revealed. */
  activated?: Stamp;
}

/** R4: a cloud service subscription, usage-based (Azure, R4.2) or license-based (R4.3). */
export interface CloudBenefit {
  id: string;
  packageId: string;
  name: string;
  kind: 'usageBased' | 'licenseBased';
  description: LocalizedText;
  keys: SealedSecret[];
  specialInstructions?: LocalizedText;
  portalUrl?: string;
  /** R4.2: the Global admin who assigned themself as the user. */
  assignedTo?: Stamp;
  activated?: Stamp;
}

export interface SeatAssignment {
  aadObjectId: string;
  /** When this person got the seat. */
  assignedAt: string;
  /** R5.4: the original assignment of the seat, from which the 90 days count. */
  originalAssignedAt: string;
  assignedBy: string;
}

/** R5: a Visual Studio subscription benefit with its seats. */
export interface VisualStudioSubscription {
  id: string;
  packageId: string;
  level: string;
  seats: number;
  assignments: SeatAssignment[];
}

export type TechnicalKind = 'signatureProductSupport' | 'productSupportIncidents' | 'presalesDeployment';

/** R6: a technical support benefit. */
export interface TechnicalBenefit {
  id: string;
  packageId: string;
  kind: TechnicalKind;
  name: string;
  description: LocalizedText;
  incidents?: { total: number; used: number };
  hours?: { total: number; used: number };
  activation?: {
    state: 'pending' | 'active';
    requested: Stamp;
    completedAt?: string;
    /** R6.3 */
    accessId?: string;
    contractId?: string;
  };
}

/** R7.2: the kinds of offer, by partner level and competency. */
export type OfferTier = 'silverCore' | 'goldCore' | 'isvCoSellReady';

/** R7: a Go-To-Market offer. */
export interface GoToMarketOffer {
  id: string;
  packageId: string;
  tier: OfferTier;
  name: string;
  description: LocalizedText;
  activation?: {
    state: 'pending' | 'active';
    requested: Stamp;
    /** When processing completed. */
    completedAt?: string;
    /** The language the requester asked in (en-US, ja-JP): their follow-up messages use it. */
    locale?: string;
    /** R7.5: the last day the offer can be used (YYYY-MM-DD, UTC). */
    expiresOn?: string;
  };
}

/** R7.3 */
export interface MarketingContact {
  aadObjectId: string;
  email: string;
  phone: string;
  preferredLanguage: string;
  assigned: Stamp;
}

/** What anyone of the company may ask an admin for (the product adds requests to the source). */
export type RequestKind = 'visualStudio' | 'azure' | 'software' | 'support';
export type RequestState = 'pending' | 'approved' | 'declined' | 'expired';

/**
 * A request for a benefit, kept in the inventory so that its decision is made in the same transaction
 * as the change it grants (exactly once, whoever presses first).
 */
export interface BenefitRequest {
  id: string;
  kind: RequestKind;
  /** The subscription, cloud subscription, software product or technical benefit asked for. */
  benefitId: string;
  requester: string;
  /** The requester's words (untrusted text, at most REQUEST_NOTE_MAX characters). */
  note?: string;
  /** For a support request on a break-fix benefit (R6.4). */
  productKind?: 'cloud' | 'onPremises' | 'azureNonCsp' | 'dynamics';
  /** The language the requester asked in: what they are told later is in it. */
  locale: string;
  createdAt: string;
  /** The conversation it was asked in: its card there shows each viewer what they may do. */
  askedIn?: string;
  state: RequestState;
  /** Set when the one reminder to the approvers was queued. */
  remindedAt?: string;
  /**
   * Set once the approval cards (`ask`) and the requester's outcome (`outcome`) are in the outbox: until
   * then (a crash between the change and the queueing) the sweep queues them again, and only then.
   */
  queuedAt?: { ask?: string; outcome?: string };
  /** Who decided and when ('system' for an expiry), and a decline's reason. */
  decided?: { by: string; at: string; reason?: string };
}

/** What a person chose or what the bot learnt from their turns (for cards and the digest). */
export interface PersonSettings {
  aadObjectId: string;
  /** Their Teams user id (MRI, `29:…`): a card's refresh.userIds names people by it. */
  userId?: string;
  locale?: string;
  /** IANA time zone their Teams client reported (e.g. Asia/Tokyo). */
  timeZone?: string;
  /** The digest's weekday (0 Sunday … 6 Saturday), or 'off'. Absent: the default day. */
  digestDay?: number | 'off';
}

export interface Benefits {
  software: SoftwareBenefit[];
  cloud: CloudBenefit[];
  visualStudio: VisualStudioSubscription[];
  technical: TechnicalBenefit[];
  goToMarket: GoToMarketOffer[];
}

/**
 * The key under which the inventory a change works on names the committed inventory its draft started
 * from (the store sets it; a symbol, so it is never written to a file). Lookups read that frozen,
 * indexed inventory instead of the draft's lists, which cannot be searched or even read without cost.
 */
export const STARTED_FROM: unique symbol = Symbol('the committed inventory a change started from');

/** Everything the bot manages for one partner company. */
export interface Inventory {
  organization: Organization;
  people: Person[];
  benefits: Benefits;
  marketingContact?: MarketingContact;
  /** Requests waiting and recently decided (pruned after the retention period). */
  requests?: BenefitRequest[];
  /** Per person: where approval cards and the digest go, and in which language and time zone. */
  settings?: PersonSettings[];
  /** The conversation (a channel the company chose) that receives approval cards instead of 1:1 chats. */
  approvalsConversationId?: string;
  /** Only inside a change: see STARTED_FROM. */
  readonly [STARTED_FROM]?: Inventory;
}

/** R2.3: the five groups of the Benefits page, in its order. */
export const BENEFIT_GROUPS = ['software', 'cloud', 'visualStudio', 'technical', 'goToMarket'] as const;
export type BenefitGroup = (typeof BENEFIT_GROUPS)[number];

export function isBenefitGroup(value: unknown): value is BenefitGroup {
  return typeof value === 'string' && (BENEFIT_GROUPS as readonly string[]).includes(value);
}
