import type { MessageKey } from './en-US.js';

/** 日本語の文言。パートナー センターの表記 (シード ページ) に合わせる。 */
export const jaJP: Record<MessageKey, string> = {
  'app.name': 'パートナー特典',

  'role.globalAdmin': 'グローバル管理者',
  'role.userAdmin': 'ユーザー管理者',
  'role.adminAgent': '管理エージェント',
  'role.mpnPartnerAdmin': 'MPN パートナー管理者',

  'group.software': 'ソフトウェア',
  'group.cloud': 'クラウド',
  'group.visualStudio': 'Visual Studio サブスクリプション',
  'group.technical': '技術関連の特典',
  'group.goToMarket': '市場進出',

  'group.software.holds': '製品 {total} 件 · キー取得済み {active} 件',
  'group.cloud.holds': 'サブスクリプション {total} 件 · アクティブ化済み {active} 件',
  'group.visualStudio.holds': 'サブスクリプション {total} 件 · 割り当て済み {used} / {seats} シート',
  'group.technical.holds': 'サポート特典 {total} 件 · アクティブ {active} 件 · 処理中 {pending} 件',
  'group.goToMarket.holds': 'オファー {total} 件 · アクティブ {active} 件 · 処理中 {pending} 件',

  'state.none': 'ご利用のパッケージには含まれていません',
  'state.notActivated': '未アクティブ化',
  'state.partlyActive': '一部アクティブ化済み',
  'state.pending': 'アクティブ化を処理中',
  'state.allActive': 'すべてアクティブ化済み',

  'program.actionPack': 'Microsoft Action Pack',
  'program.silver': 'Silver: {competency}',
  'program.gold': 'Gold: {competency}',

  'overview.title': '特典',
  'overview.subtitle': '{company} · MPN ID {mpnId}',
  'overview.packages': '特典パッケージ',
  'overview.purchased': '購入日 {date}、有効期限 {expires}',
  'overview.pmc': 'メンバーシップはまだ Partner Membership Center (PMC) で管理されています。ここでは技術関連の特典をアクティブ化できません。Partner Frontline にお問い合わせください (R2.2)。',
  'overview.open': '開く',
  'overview.signedInAs': '{name} としてサインイン中 ({roles})',

  'list.back': '特典に戻る',
  'list.empty': 'ご利用の特典パッケージには、このグループの特典はありません。',
  'list.details': '詳細',
  'list.package': 'パッケージ',
  'list.state': '状態',

  'software.activated': '{date} に {name} がキーを取得済み',
  'software.notActivated': 'キーは未取得です',
  'software.keys': '製品キー',
  'software.keyCount': 'キー {count} 件',
  'software.downloads': 'ダウンロード',
  'software.downloadsFor': '{languages} · {oses}',
  'software.specialInstructions': '特別な指示',

  'cloud.kind.usageBased': '使用量ベース',
  'cloud.kind.licenseBased': 'ライセンスベース',
  'cloud.kind': '種類',
  'cloud.assignedTo': '{date} に {name} に割り当て済み',
  'cloud.notAssigned': '未アクティブ化: グローバル管理者が自分をユーザーとして割り当てます',
  'cloud.keysRevealed': '{date} に {name} がキーを取得済み',
  'cloud.keysNotRevealed': 'キーは未取得です',

  'vs.level': 'レベル',
  'vs.seats': 'シート',
  'vs.seatsUsed': '{total} 件中 {used} 件を割り当て済み',
  'vs.holder': '{name} ({date} から)',
  'vs.reassignableFrom': '{date} から再割り当て可能',
  'vs.noHolders': 'まだ割り当てられたシートはありません',

  'technical.kind.signatureProductSupport': 'テクニカル サポート (障害対応): クラウド製品',
  'technical.kind.productSupportIncidents': 'テクニカル サポート (障害対応): オンプレミス製品',
  'technical.kind.presalesDeployment': 'テクニカル プリセールスおよび展開サービス',
  'technical.incidents': 'インシデント: 残り {remaining} / {total} 件',
  'technical.hours': '時間: 残り {remaining} / {total} 時間',
  'technical.active': '{date} からアクティブ',
  'technical.pending': '{date} に {name} がアクティブ化を要求しました。処理が完了するまで数日お待ちください',
  'technical.notActivated': '未アクティブ化',
  'technical.accessId': 'アクセス ID',
  'technical.contractId': '契約 ID',

  'gtm.tier.silverCore': 'シルバー コア',
  'gtm.tier.goldCore': 'ゴールド コア',
  'gtm.tier.isvCoSellReady': 'ISV 共同販売対応',
  'gtm.status': '状態',
  'gtm.expires': '有効期限',
  'gtm.status.available': '未アクティブ化',
  'gtm.status.pending': '処理中: 数日かかる場合があります',
  'gtm.status.active': 'アクティブ',
  'gtm.status.expired': '期限切れ',
  'gtm.contact': 'マーケティング担当者',
  'gtm.contact.none': 'マーケティング担当者がまだ割り当てられていません。オファーをアクティブ化する前に割り当てる必要があります (R7.3)。',

  'help.title': 'できること',
  'help.intro': '{company} の管理者が、パートナー センターの [特典] ページと同じように Microsoft Partner Network メンバーシップの特典を管理するお手伝いをします。',
  'help.anon.intro': 'Microsoft パートナー企業の管理者が、パートナー センターの [特典] ページと同じように Microsoft Partner Network メンバーシップの特典を管理するお手伝いをします。',
  'help.cmd.benefits': '特典の概要: すべてのグループとその状態',
  'help.cmd.group': '特典のグループを 1 つ開く',
  'help.cmd.help': 'このヘルプ',
  'help.notUnderstood': '「{text}」は理解できませんでした。できることは次のとおりです:',
  'help.commands': 'コマンド',

  'welcome.title': 'パートナー特典へようこそ',
  'welcome.body': 'チャットで Microsoft Partner Network メンバーシップの特典を管理できます。ソフトウェア キーの取得、サブスクリプションの割り当て、テクニカル サポートと市場進出オファーのアクティブ化ができます。数日かかるアクティブ化が完了したら、ここでお知らせします。',
  'welcome.start': '特典を表示',

  'error.notSetUp': '特典の一覧がまだインポートされていません。管理者が "npm run import" でインポートします。',
  'error.foreignTenant': 'ご所属の組織はこのボットを使用するように設定されていません。設定が必要な場合は管理者にお問い合わせください。',
  'error.notRegistered': 'このボットの会社のユーザー一覧にまだ登録されていません。グローバル管理者 ({admins}) に追加を依頼してください。',
  'error.noRole': '特典にアクセスできるパートナー センターのロール (グローバル管理者、ユーザー管理者、管理エージェント、MPN パートナー管理者) が割り当てられていません。グローバル管理者 ({admins}) に割り当てを依頼してください。',
  'error.forbidden': 'この操作には {roles} のロールが必要です ({rule})。グローバル管理者にご確認ください: {admins}。',
  'error.notFound': 'その項目はもう存在しません。最新の一覧を表示します。',
  'error.invalidPayload': 'そのボタンから送られた内容は使用できません。一覧を開き直してもう一度お試しください。',
  'error.unknownAction': 'そのボタンには対応していません。特典の概要を開き直してください。',
  'error.internal': '問題が発生しました。何も変更されていません。参照番号: {correlationId}',
  'error.reference': '参照番号: {correlationId}',
  'common.or': ' または ',
  'common.none': 'なし',

  // ---- issue 3: Software and cloud benefits, keys, audit trail ----
  // (end of issue 3)

  // ---- issue 4: Visual Studio subscriptions, people and roles ----
  // (end of issue 4)

  // ---- issue 5: Technical benefits, processing, notifications ----
  // (end of issue 5)

  // ---- issue 6: Go-To-Market offers and cancellations ----
  // (end of issue 6)

  // ---- issue 7: Teams tab and app package ----
  'tab.title': '特典ダッシュボード',
  'tab.loading': '特典を読み込んでいます…',
  'tab.notInTeams': 'このページは Microsoft Teams のパートナー特典アプリから開いてください。特典は Teams がサインインさせたユーザーにのみ表示されます。',
  'tab.signInFailed': 'Teams でダッシュボードにサインインできなかったため、何も表示されません。タブを閉じてもう一度開いてください。繰り返し失敗する場合は、アプリのシングル サインオンの設定を確認するよう管理者に依頼してください。',
  'tab.error.unauthenticated': 'サインインを確認できなかったため、何も表示されません。タブを閉じてもう一度開いてください。',
  'tab.error.unavailable': 'ダッシュボードを読み込めませんでした。しばらくしてからもう一度お試しください。',
  'tab.groups': '特典のグループ',
  'tab.pending': '処理中のアクティブ化',
  'tab.pending.none': '処理を待っているアクティブ化はありません。',
  'tab.offers': '市場進出オファー',
  'tab.offers.none': 'ご利用の特典パッケージで利用できる市場進出オファーはありません。',
  'tab.offers.name': 'オファー',
  'tab.offers.tier': 'オファーの種類',
  'tab.abilities': 'あなたができること',
  'tab.allowed': '可能',
  'tab.needs': '{roles} のロールが必要 ({rule})',
  'tab.can.revealSoftwareKeys': 'ソフトウェアのキーの取得',
  'tab.can.activateBenefit': '特典のアクティブ化',
  'tab.can.assignBenefit': '特典とサブスクリプションの従業員への割り当て',
  'tab.can.manageGoToMarket': '市場進出オファーとマーケティング担当者',
  'tab.can.manageUsers': '新しいユーザーの追加',
  'tab.chatHint': '特典を操作するには、ボットとのチャットで「特典」と入力してください。',
  // (end of issue 7)
};
