#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Generate a realistic, internally consistent 重点項目評価書 for benchmarks.

    gen.py --size small|medium|large [--findings none|many] [--seed N]
           [--hyoka PATH] [--form FILE] [--check] -o OUT.yaml

The item paths come from `hyoka fields` (so a new item in the form is filled
too, generically by its type) and every 選択肢/チェックボックス label is
checked against the form definition (forms/jyuten.yaml) before writing.
The same seed always gives the same bytes.

Sizes (the largest is the largest realistic assessment of the issue):

  size    files systems 委託 提供 移転 別添1/file 別添2
  small       1       2    2    2    2         20     10
  medium      3       8    8    8    8         60    120
  large       7      20   20   20   20        150    500

Every text item holds Japanese paragraphs of several hundred characters
with sub-headings and bullets, drawn from the phrasing of published
assessments. Half of the 委託事項 are 再委託する. Counts match the blocks,
I-3 matches the file names, dates are in order, the threshold result
matches the numbers, so `hyoka check` finds no error (warnings may remain).

--findings many (the second largest document: with --size large, about
1.4 MiB) gives every text item of the form one paragraph of 40-110
characters and every その他 line a name, also the items an answer hides or
leaves unchecked (再委託しない, 発生なし, unchecked その他), lets every
提供先/移転先 name more persons than its file holds and makes every 別添2
項目 name no item of the assessment, dated after the publication date: about 1,900 findings, so that the cost
of a finding shows.

With --check the output is loaded by `hyoka check`; exit status 2 (the file
was refused) makes gen.py fail.
"""

import argparse
import os
import random
import re
import subprocess
import sys

SIZES = {
    #          files sys  ent  prov tran annex1 changes
    "small": (1, 2, 2, 2, 2, 20, 10),
    "medium": (3, 8, 8, 8, 8, 60, 120),
    "large": (7, 20, 20, 20, 20, 150, 500),
}

CITY = "あおば市"
ORG = "あおば市長"
DEPT = "健康福祉局介護保険課"
HEAD = "介護保険課長"
TASK = "介護保険に関する事務"

FILE_NAMES = [
    "介護保険被保険者資格情報ファイル",
    "介護保険料賦課情報ファイル",
    "介護保険料収納情報ファイル",
    "要介護認定情報ファイル",
    "介護保険給付情報ファイル",
    "地域支援事業情報ファイル",
    "介護保険宛名情報ファイル",
    "住所地特例対象者情報ファイル",
]

SYSTEMS = [
    "介護保険システム", "団体内統合宛名システム", "中間サーバー",
    "住民記録システム", "税務システム", "要介護認定支援システム",
    "介護給付管理システム", "国保連合会伝送システム", "収納管理システム",
    "滞納整理システム", "福祉総合システム", "生活保護システム",
    "後期高齢者医療システム", "文書管理システム", "コンビニ収納代行連携システム",
    "口座振替データ伝送システム", "認定調査タブレット連携システム",
    "主治医意見書電子化システム", "地域包括支援センター連携システム",
    "統合運用管理システム",
]

FUNCS = [
    ("資格管理機能", "第1号被保険者及び第2号被保険者の資格の取得・喪失、住所地特例の適用・終了等の異動情報を登録し、被保険者台帳を管理する。"),
    ("賦課機能", "住民税の課税情報及び世帯情報を基に所得段階を判定し、当初賦課・随時賦課の保険料額を算定する。"),
    ("収納管理機能", "納付書、口座振替及び年金からの特別徴収による収納情報を取り込み、消込、過誤納金の還付・充当を行う。"),
    ("滞納管理機能", "督促状・催告書を作成し、分納誓約、差押え等の滞納処分の経過を記録する。"),
    ("認定管理機能", "要介護・要支援認定の申請受付から認定調査、主治医意見書、介護認定審査会の判定結果までを一元的に管理する。"),
    ("給付管理機能", "国保連合会から送付される給付実績を取り込み、高額介護サービス費、特定入所者介護サービス費等を算定する。"),
    ("帳票発行機能", "被保険者証、負担割合証、負担限度額認定証、納入通知書等の帳票を作成する。"),
    ("宛名連携機能", "団体内統合宛名システムから宛名情報及び個人番号を取得し、被保険者情報と紐付けて管理する。"),
    ("情報照会機能", "中間サーバーを通じて他の情報保有機関に対する情報照会を行い、照会結果を取り込む。"),
    ("情報提供機能", "他の情報保有機関からの照会に備え、提供対象となる特定個人情報(連携対象)を副本として中間サーバーに登録する。"),
    ("統計機能", "介護保険事業状況報告等の各種統計資料を作成する。"),
    ("権限管理機能", "利用者ごとにユーザーIDを付与し、所属及び職務に応じて利用できる機能と参照できる項目を制御する。"),
    ("操作履歴管理機能", "利用者の操作内容、照会した対象者、日時を記録し、一定期間保存する。"),
    ("データ連携機能", "庁内連携システムを通じて住民基本台帳、地方税、生活保護等の情報を日次で取り込む。"),
    ("外部媒体管理機能", "国保連合会、年金保険者等との間で授受するデータを暗号化し、授受の記録を管理する。"),
    ("符号管理機能", "情報照会・情報提供に用いる個人の識別子である「符号」と、団体内統合宛名番号とを紐付け、その情報を保管・管理する。"),
]

CONTRACTORS = [
    "株式会社あおば情報サービス", "東日本システムソリューションズ株式会社",
    "株式会社ひかりデータプロセス", "中央ビジネスフォーム株式会社",
    "株式会社みらい計算センター", "北辰コンピュータ株式会社",
    "株式会社さくらアウトソーシング", "一般社団法人あおば市介護支援専門員協会",
    "株式会社青葉印刷", "日本公共情報システム株式会社",
    "株式会社コスモスコールセンター", "東都ドキュメントサービス株式会社",
]

ENTRUST = [
    ("介護保険システム運用保守業務", "介護保険システムの運用保守(障害対応、法制度改正に伴うプログラム修正、データ移行作業を含む。)"),
    ("介護保険料納入通知書等作成・封入封かん業務", "介護保険料納入通知書、特別徴収開始通知書等の印刷、封入封かん及び郵便局への差出し"),
    ("要介護認定調査業務", "要介護・要支援認定に係る認定調査の実施及び認定調査票の作成"),
    ("主治医意見書取得事務補助業務", "主治医意見書の作成依頼書の発送、受領及び受領状況の管理"),
    ("介護保険被保険者証等印刷業務", "介護保険被保険者証、負担割合証及び負担限度額認定証の印刷"),
    ("申請書等データ入力業務", "要介護認定申請書、各種給付申請書等の記載内容のデータ入力及び入力結果の照合"),
    ("介護保険コールセンター運営業務", "介護保険料、要介護認定及び給付に関する電話問合せへの対応及び応対記録の作成"),
    ("窓口受付補助業務", "介護保険課窓口における申請書等の受付、記載内容の確認及び書類の整理"),
    ("口座振替データ作成業務", "口座振替依頼書の内容確認、口座振替データの作成及び金融機関への伝送"),
    ("コンビニ収納代行業務", "コンビニエンスストアで納付された保険料の収納情報の集約及び速報・確報データの作成"),
    ("督促状・催告書作成発送業務", "督促状及び催告書の印刷、封入封かん及び発送"),
    ("住宅改修費等審査補助業務", "住宅改修費及び福祉用具購入費の支給申請書類の形式審査及び台帳登録"),
    ("高額介護サービス費支給申請勧奨業務", "高額介護サービス費の支給対象者への申請勧奨通知の作成及び発送"),
    ("負担限度額認定証作成業務", "負担限度額認定申請の審査結果に基づく認定証及び決定通知書の作成"),
    ("介護給付費通知作成業務", "介護給付費通知の作成、封入封かん及び発送"),
    ("文書保存・廃棄業務", "保存期間を経過した申請書等の搬出、溶解処理及び廃棄証明書の作成"),
    ("システム移行業務", "標準準拠システムへの移行に伴う既存データの抽出、変換及び移行結果の検証"),
    ("ガバメントクラウド運用管理補助業務", "ガバメントクラウド上の介護保険システムの稼働監視、バックアップ取得及び運用記録の作成"),
    ("介護予防ケアマネジメント業務", "要支援者等に対する介護予防ケアマネジメントの実施及び記録の作成"),
    ("介護認定審査会資料作成業務", "介護認定審査会の審査資料の作成、審査会委員への送付及び資料の回収"),
]

PROVIDE = [
    "都道府県知事", "市町村長", "日本年金機構", "厚生労働大臣", "全国健康保険協会",
    "健康保険組合", "国家公務員共済組合", "地方公務員共済組合", "日本私立学校振興・共済事業団",
    "後期高齢者医療広域連合", "国民健康保険組合", "独立行政法人日本学生支援機構",
    "都道府県教育委員会", "市町村教育委員会", "公共職業安定所長", "労働基準監督署長",
    "社会保険診療報酬支払基金", "国民健康保険団体連合会", "地方公共団体情報システム機構",
    "独立行政法人農業者年金基金",
]

TRANSFER = [
    "市民局市民課", "財政局税務課", "財政局納税課", "健康福祉局国保年金課",
    "健康福祉局生活福祉課", "健康福祉局障害福祉課", "健康福祉局高齢福祉課",
    "健康福祉局健康増進課", "こども未来局こども家庭課", "こども未来局保育課",
    "都市整備局住宅政策課", "教育委員会学務課", "危機管理局防災課",
    "健康福祉局地域包括ケア推進課", "市民局北部区役所市民課", "市民局南部区役所市民課",
    "市民局東部区役所市民課", "市民局西部区役所市民課", "健康福祉局保健所保健予防課",
    "選挙管理委員会事務局",
]

ANNEX_GROUPS = [
    ("宛名", ["宛名番号", "個人番号", "氏名", "氏名の振り仮名", "生年月日", "性別", "住所", "方書",
             "郵便番号", "電話番号", "世帯番号", "続柄", "住民となった日", "住民でなくなった日",
             "異動事由", "異動年月日", "外国人区分", "通称名", "送付先氏名", "送付先住所"]),
    ("資格", ["被保険者番号", "被保険者区分", "資格取得年月日", "資格取得事由", "資格喪失年月日",
             "資格喪失事由", "住所地特例区分", "住所地特例施設名", "措置元保険者番号",
             "被保険者証交付年月日", "負担割合", "負担割合証交付年月日", "適用除外施設入所区分",
             "他市町村住所地特例者区分", "資格証明書交付年月日"]),
    ("賦課", ["賦課年度", "通知書番号", "所得段階", "保険料率", "年間保険料額", "月割保険料額",
             "減免区分", "減免額", "境界層該当区分", "算定基礎所得金額", "合計所得金額",
             "課税年金収入額", "世帯課税区分", "本人課税区分", "更正事由", "更正年月日"]),
    ("収納", ["期別", "納期限", "徴収方法", "特別徴収対象年金", "年金保険者コード", "調定額",
             "収納額", "収納年月日", "還付額", "充当額", "督促状発行年月日", "延滞金額",
             "口座番号", "金融機関コード", "口座名義人", "分納誓約区分", "滞納処分区分"]),
    ("認定", ["申請年月日", "申請区分", "認定調査実施日", "認定調査員番号", "主治医意見書受領日",
             "主治医医療機関コード", "審査会開催日", "要介護状態区分", "認定有効期間開始日",
             "認定有効期間終了日", "認定審査会意見", "サービスの種類の指定", "一次判定結果",
             "特定疾病区分"]),
    ("給付", ["サービス提供年月", "事業所番号", "サービス種類コード", "給付単位数", "給付費額",
             "利用者負担額", "高額介護サービス費支給額", "特定入所者介護サービス費", "住宅改修費",
             "福祉用具購入費", "償還払支給決定日", "給付制限区分", "給付制限期間",
             "居宅サービス計画作成区分", "居宅介護支援事業所番号"]),
    ("福祉", ["生活保護受給区分", "生活保護開始年月日", "生活保護廃止年月日", "障害者手帳等級",
             "老齢福祉年金受給区分", "中国残留邦人等支援給付区分", "社会福祉法人軽減区分",
             "境界層措置区分"]),
    ("連携", ["団体内統合宛名番号", "符号", "情報照会年月日", "照会先機関コード", "照会事務手続",
             "情報提供年月日", "提供先機関コード", "副本登録年月日", "副本更新年月日",
             "情報提供等記録番号"]),
]

CHANGE_ITEMS = [
    ("II-4-委託事項{n}", "委託"), ("II-3-④-使用者数", "使用者数"), ("II-2-④-主な記録項目", "記録項目"),
    ("I-2-システム{n}-②", "システム"), ("II-5-提供先{n}-①", "提供"), ("II-5-移転先{n}-②", "移転"),
    ("III-7-その他の措置の内容", "保管"), ("IV-2-①", "連絡先"), ("I-6-①", "部署"),
    ("III-3-リスク2-具体的な管理方法", "認証"), ("II-3-⑤", "使用方法"), ("表紙-評価書名", "名称"),
]

# --- sentence pools ------------------------------------------------------

HEADINGS = ["<本市における措置>", "<ガバメントクラウドにおける措置>",
            "<中間サーバー・プラットフォームにおける措置>", "<中間サーバー・ソフトウェアにおける措置>",
            "【物理的対策】", "【技術的対策】", "【人的対策】", "【組織的対策】", "(運用上の措置)",
            "(システム上の措置)"]

MEASURES = [
    "{sys}を利用する必要がある職員を特定し、個人ごとにユーザーIDを付与したうえで、生体認証とパスワードによる二要素認証を行っている。",
    "人事異動及び退職の際は、所属長からの届出に基づき、速やかにユーザーIDの権限変更又は削除を行っている。",
    "共用IDの利用を禁止し、ユーザーID及びパスワードの複数人での共有を禁止している。",
    "業務端末は、一定時間操作がない場合に画面がロックされる設定としている。",
    "システムの操作履歴(アクセスログ)を記録し、{dept}において四半期に1回点検している。",
    "管理権限を有する者以外は、業務端末から外部記録媒体へ情報を書き出すことができない設定としている。",
    "特定個人情報を含む画面のハードコピーの取得は事務処理に必要な範囲にとどめ、不要となった時点で速やかに廃棄している。",
    "届出書等の紙媒体は、施錠できる書庫に保管し、保存年限の経過後は、{city}文書管理規程に基づき溶解処理により廃棄している。",
    "業務端末は、入退室管理を行っている執務室内に設置し、盗難防止用のセキュリティワイヤーで固定している。",
    "サーバ等はクラウド事業者が保有・管理する環境に設置し、設置場所のセキュリティ対策はクラウド事業者が実施する。",
    "クラウド事業者はISMAPのリストに登録されたクラウドサービス事業者であり、ISO/IEC27017及びISO/IEC27018の認証を受けている。",
    "特定個人情報は日本国内のデータセンターに保存され、バックアップも本番環境とは別のデータセンター内に保存される。",
    "業務端末にはウイルス対策ソフトを導入し、パターンファイルを自動で更新している。",
    "マイナンバー利用事務系のネットワークはインターネットから分離し、外部との通信を遮断している。",
    "{file}へのアクセスは、{sys}の権限管理機能により、事務に必要な職員に限定している。",
    "窓口での届出においては、本人確認書類により届出者及び対象者を確認し、対象者以外の情報の入手を防止している。",
    "届出書は必要な情報のみを記載する様式としており、記入時に職員が説明又は記入例を提示している。",
    "庁内連携システムからの情報の入手にあたっては、連携仕様に基づき、事務に必要な項目のみが連携されることをシステム上で担保している。",
    "入手した情報の正確性を確保するため、届出書の内容と住民基本台帳情報を照合し、相違がある場合は届出者に確認している。",
    "窓口での覗き見を防止するため、窓口に間仕切りを設置し、画面に覗き見防止フィルターを貼付している。",
    "特定個人情報を取り扱う職員(会計年度任用職員を含む。)に対し、情報セキュリティ及び個人情報保護に関する研修を年1回実施している。",
    "新規採用職員及び転入職員には、配属時に研修を実施し、受講状況を管理している。",
    "違反行為を行った者に対しては、都度指導を行い、違反の程度によっては懲戒処分の対象とする。",
    "委託先に対しては、契約において従事者への個人情報保護に関する研修の実施を義務付け、実施報告を提出させている。",
    "委託先の作業は、原則として市が指定した場所及び端末で行わせ、作業の都度、作業内容と作業者を記録させている。",
    "電子記録媒体で受け渡す場合は暗号化し、受渡簿により授受を記録している。作業完了後は、データの消去を確認し、消去証明書を提出させている。",
    "再委託を承諾する際は、再委託先に対しても委託先と同等の安全管理措置を講じることを条件としている。",
    "再委託先における特定個人情報の取扱状況について、委託先から毎月の作業報告書により報告を受けている。",
    "移転先の部署から利用目的、法令上の根拠及び移転する項目を記載した申請書を提出させ、承認したものに限り移転を行っている。",
    "庁内連携システムによる移転の記録はログとして保存し、情報政策課において定期的に確認している。",
    "中間サーバーの職員認証・権限管理機能では、ログイン時の職員認証の他に、ログイン・ログアウトを実施した職員、時刻、操作内容の記録が実施される。",
    "情報提供ネットワークシステムから情報提供許可証を受領してから情報照会を実施するため、番号法上認められた情報連携以外の照会は行われない。",
    "照会許可用照合リストに基づき情報連携が認められた特定個人情報の提供の要求であるかチェックを実施している。",
    "中間サーバーと既存システムとの間は、行政専用のネットワーク(総合行政ネットワーク等)を利用することにより、安全性を確保している。",
    "中間サーバーと団体との間はVPN等の技術を利用して、団体ごとに通信回線を分離するとともに、通信を暗号化している。",
    "住民基本台帳の異動情報を日次で取り込み、{file}の情報を更新している。",
    "保存期間を経過した情報は、年1回一括して削除し、削除の記録を{dept}において保存している。",
    "事故発生時の対応手順を定め、所属職員に周知するとともに、年1回訓練を実施している。",
    "個人番号の不正使用が発生した場合は、番号法第7条第2項の規定に基づき、本人からの請求を受けて個人番号の変更を市民課に依頼する。",
    "国及びクラウド事業者は利用者のデータにアクセスしない契約等となっている。",
    "ガバメントクラウドの特定個人情報を保有するシステムを構築する環境は、インターネットとは切り離された閉域ネットワークで構成する。",
    "{sys}の操作は業務に必要な時間帯に限って可能とし、時間外の利用には所属長の事前承認を要することとしている。",
    "特定個人情報ファイルを取り扱う事務の手順書を作成し、手順書に沿って事務を行うことを職員に周知している。",
    "{dept}の職員が、情報セキュリティポリシーの遵守状況について年1回自己点検を行い、その結果を情報政策課に報告している。",
]

OPS = [
    "{city}の住民からの届出を受け付け、届出書に記載された個人番号を基に対象者を特定し、{file}の情報を登録・更新する。",
    "庁内連携システムを通じて住民基本台帳の異動情報を入手し、転入・転出・死亡等に伴う異動処理を行う。",
    "情報提供ネットワークシステムを通じて他の情報保有機関に情報を照会し、届出内容を確認する。",
    "{sys}において、所得段階の判定に必要な地方税関係情報を参照する。",
    "国保連合会から送付される給付実績データを取り込み、給付費の支払及び審査結果を管理する。",
    "年金保険者から通知される特別徴収対象者情報を取り込み、特別徴収の依頼及び停止を行う。",
    "要介護認定の申請を受け付け、認定調査の結果及び主治医意見書を基に介護認定審査会に諮る。",
    "高額介護サービス費の支給対象者を抽出し、申請勧奨通知を送付する。",
    "負担限度額認定の申請を受け付け、預貯金等の状況を確認したうえで認定証を交付する。",
    "窓口での届出においては、個人番号カード又は個人番号が記載された住民票の写し等及び身元確認書類により本人確認を行う。",
    "庁内連携システムから入手する住民基本台帳情報等は、宛名番号により突合する。",
    "情報提供ネットワークシステムから入手した情報は、団体内統合宛名番号により突合する。",
    "年金保険者から通知される情報は、基礎年金番号、氏名、生年月日、性別及び住所により突合する。",
    "{file}の情報は、{dept}及び区役所の担当職員が、事務に必要な範囲で参照する。",
]

TASK_PARTS = [
    ("資格管理に関する事務", ["第1号被保険者の資格の取得・喪失に関する届出の受理及び審査",
                          "住所地特例の適用・変更・終了に関する届出の受理",
                          "被保険者証、負担割合証等の交付及び再交付",
                          "他市町村からの転入者の受給資格証明書の確認"]),
    ("保険料の賦課・徴収に関する事務", ["所得段階の判定及び保険料の賦課(減免を含む。)",
                                  "特別徴収(年金からの差引き)の依頼及び停止",
                                  "納入通知書の送付、収納管理並びに過誤納金の還付及び充当",
                                  "滞納者に対する督促、催告及び滞納処分"]),
    ("要介護認定に関する事務", ["要介護・要支援認定の申請の受理及び認定調査の実施",
                             "主治医意見書の取得及び介護認定審査会の運営",
                             "認定結果の通知及び被保険者証への記載"]),
    ("保険給付に関する事務", ["居宅介護サービス費、施設介護サービス費等の支給",
                           "高額介護サービス費及び高額医療合算介護サービス費の支給",
                           "特定入所者介護サービス費(負担限度額認定)の支給",
                           "住宅改修費及び福祉用具購入費の支給"]),
    ("地域支援事業に関する事務", ["介護予防・日常生活支援総合事業の利用者の管理",
                               "地域包括支援センターとの情報共有"]),
    ("情報連携に関する事務", ["番号法第19条第8号の規定に基づき、情報提供ネットワークシステムを通じて他の情報保有機関へ情報照会を行う。",
                           "他の情報保有機関からの照会に対して、情報提供ネットワークシステムを通じて情報提供を行う。"]),
]

LAWS = [
    "番号法第9条第1項及び別表(介護保険法による保険給付の支給、地域支援事業の実施又は保険料の徴収に関する事務の項)",
    "行政手続における特定の個人を識別するための番号の利用等に関する法律別表の主務省令で定める事務を定める命令(介護保険法による保険給付の支給、地域支援事業の実施又は保険料の徴収に関する事務を定める条)",
    "介護保険法(平成9年法律第123号)第12条、第27条、第129条",
    "{city}介護保険条例(平成12年{city}条例第15号)",
    "{city}行政手続における特定の個人を識別するための番号の利用等に関する法律の施行に関する条例(平成27年{city}条例第40号)",
]


class Gen:
    def __init__(self, size, seed):
        (self.nfiles, self.nsys, self.nent, self.nprov, self.ntran,
         self.nannex, self.nchanges) = SIZES[size]
        self.r = random.Random("%s/%d" % (size, seed))

    # -- text helpers --
    def fill(self, s, **kw):
        d = {"city": CITY, "dept": DEPT, "sys": SYSTEMS[0], "file": FILE_NAMES[0]}
        d.update(kw)
        return s.format(**d)

    def para(self, pool, lo, hi, heads=True, numbered=False, **kw):
        """Bulleted paragraphs of lo..hi characters with sub-headings."""
        r = self.r
        target = r.randint(lo, hi)
        lines, n, k = [], 0, 0
        picks = r.sample(range(len(pool)), len(pool))
        while n < target:
            if heads and (k == 0 or r.random() < 0.25):
                h = r.choice(HEADINGS)
                lines.append(h)
                n += len(h)
            s = self.fill(pool[picks[k % len(picks)]], **kw)
            k += 1
            if numbered:
                s = "%s %s" % ("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[(k - 1) % 20], s)
            else:
                s = "・" + s
            lines.append(s)
            n += len(s)
        return "\n".join(lines) + "\n"

    def short(self, pool, lo, hi, **kw):
        return self.para(pool, lo, hi, heads=False, **kw)

    # -- dates --
    @staticmethod
    def wareki(y, m, d=None):
        if (y, m, d or 1) >= (2019, 5, 1):
            era, ey = "令和", y - 2018
        else:
            era, ey = "平成", y - 1988
        s = "%s%s年%d月" % (era, "元" if ey == 1 else str(ey), m)
        return s + ("%d日" % d if d else "")


def build(g):
    """The document as nested dicts/lists, in the order of the form."""
    r = g.r
    files = []
    doc = {
        "hyoka": 1, "form": "jyuten", "form_version": "R8",
        "cover": {
            "number": 12,
            "name": "%s 重点項目評価書" % TASK,
            "declaration": ("%sは、%sにおける特定個人情報ファイルの取扱いにあたり、特定個人情報ファイルの取扱いが"
                            "個人のプライバシー等の権利利益に影響を及ぼしかねないことを認識し、特定個人情報の漏えいその他の"
                            "事態を発生させるリスクを軽減させるために適切な措置を講じ、もって個人のプライバシー等の権利利益の"
                            "保護に取り組んでいることを宣言する。\n" % (CITY, TASK)),
            "remarks": g.para(MEASURES, 200, 400),
            "org": ORG,
            "published": "令和8年4月1日",
        },
    }
    content = []
    for i, (h, bl) in enumerate(TASK_PARTS):
        content.append("%d. %s" % (i + 1, h))
        content += ["・" + b for b in bl]
    systems = []
    for i in range(g.nsys):
        links = ["情報提供ネットワークシステム", "庁内連携システム", "宛名システム等", "その他"] if i == 0 else \
            sorted(r.sample(["庁内連携システム", "既存住民基本台帳システム", "宛名システム等", "税務システム", "その他"],
                            r.randint(1, 3)),
                   key=["庁内連携システム", "既存住民基本台帳システム", "宛名システム等", "税務システム", "その他"].index)
        fn = r.sample(FUNCS, r.randint(4, 7))
        func = []
        for k, (fname, fdesc) in enumerate(fn):
            func.append("%d. %s" % (k + 1, fname))
            func.append(fdesc)
        s = {"name": SYSTEMS[i], "function": "\n".join(func) + "\n", "links": links}
        if "その他" in links:
            s["links_other"] = "、".join(r.sample(SYSTEMS[:g.nsys], min(2, g.nsys)))
        systems.append(s)
    doc["basic"] = {
        "task": {
            "name": TASK,
            "content": ("介護保険法(平成9年法律第123号)及び%s介護保険条例に基づき、%sが保険者として行う被保険者の資格管理、"
                        "保険料の賦課・徴収、要介護認定及び保険給付に関する事務である。\n" % (CITY, CITY))
            + "\n".join(content) + "\n",
            "target": "10万人以上30万人未満",
        },
        "systems": systems,
        "file_names": "".join("%d %s\n" % (i + 1, FILE_NAMES[i]) for i in range(g.nfiles)),
        "legal_basis": "".join("・" + g.fill(x) + "\n" for x in LAWS),
        "network": {
            "status": "実施する",
            "basis": ("(情報照会の根拠)\n・番号法第19条第8号\n・行政手続における特定の個人を識別するための番号の利用等に関する法律"
                      "第十九条第八号に基づく利用特定個人情報の提供に関する命令(令和6年デジタル庁・総務省令第9号)第2条の表"
                      "(介護保険法による保険給付の支給又は保険料の徴収に関する事務に係る項)\n(情報提供の根拠)\n"
                      "・番号法第19条第8号\n・同命令第2条の表(提供する利用特定個人情報が介護保険給付等関係情報である項)\n"),
        },
        "dept": {"name": DEPT, "head": HEAD},
        "other_bodies": "—",
    }
    audit = ["自己点検", "内部監査"]
    for f in range(g.nfiles):
        fname = FILE_NAMES[f]
        sysname = SYSTEMS[f % g.nsys]
        kw = {"file": fname, "sys": sysname}
        nannex = g.nannex
        item_count = ("10項目未満" if nannex < 10 else "10項目以上50項目未満" if nannex < 50 else
                      "50項目以上100項目未満" if nannex < 100 else "100項目以上")
        ent = []
        for i in range(g.nent):
            name, what = ENTRUST[i % len(ENTRUST)]
            sub = i % 2 == 0
            it = {
                "name": name if i < len(ENTRUST) else "%s(その%d)" % (name, i // len(ENTRUST) + 1),
                "content": what + "\n" + g.short(MEASURES, 150, 350, **kw),
                "handlers": r.choice(["10人未満", "10人以上50人未満", "50人以上100人未満", "100人以上500人未満"]),
                "contractor": r.choice(CONTRACTORS),
                "sub": "再委託する" if sub else "再委託しない",
            }
            if sub:
                it["sub_method"] = ("委託先から、再委託先の名称、再委託する理由、再委託する業務の範囲、再委託先における安全管理措置"
                                    "及び従事者名簿を記載した再委託承認申請書を提出させ、内容を審査したうえで、書面により承諾する。\n"
                                    + g.short(MEASURES, 200, 400, **kw))
                it["sub_scope"] = what + "のうち、" + r.choice(
                    ["データ入力及び照合作業", "プログラム修正及びテスト作業", "印刷及び封入封かん作業",
                     "帳票の搬送作業", "夜間・休日の稼働監視"]) + "\n"
            ent.append(it)

        def dest(name, basis, kind):
            it = {
                "name": name,
                "basis": basis,
                "use": g.short(OPS, 150, 350, **kw),
                "info": g.short(OPS, 100, 250, **kw),
                "persons": r.choice(["1万人未満", "1万人以上10万人未満", "10万人以上100万人未満"]),
                "scope": g.short(OPS, 100, 250, **kw),
                "method": (["情報提供ネットワークシステム"] if kind == "provide" else ["庁内連携システム"])
                + (["その他"] if r.random() < 0.2 else []),
                "timing": r.choice(["情報照会のある都度", "随時(異動の都度)", "毎月1回", "年1回(7月)",
                                    "日次(夜間バッチ処理)"]),
            }
            if "その他" in it["method"]:
                timing = it.pop("timing")
                it["method_other"] = r.choice(["LGWAN経由のファイル転送", "暗号化した電子記録媒体の手渡し"])
                it["timing"] = timing
            return it

        prov = [dest("%s(番号法第19条第8号)" % PROVIDE[i % len(PROVIDE)],
                     "・番号法第19条第8号\n・行政手続における特定の個人を識別するための番号の利用等に関する法律第十九条"
                     "第八号に基づく利用特定個人情報の提供に関する命令第2条の表第%d項\n" % r.randint(1, 160), "provide")
                for i in range(g.nprov)]
        tran = [dest(TRANSFER[i % len(TRANSFER)],
                     "・番号法第9条第2項\n・%s行政手続における特定の個人を識別するための番号の利用等に関する法律の施行に"
                     "関する条例第%d条\n" % (CITY, r.randint(3, 9)), "transfer")
                for i in range(g.ntran)]
        annex = []
        groups = ANNEX_GROUPS
        while len(annex) < nannex:
            for gname, names in groups:
                for k, nm in enumerate(names):
                    if len(annex) >= nannex:
                        break
                    rnd = len(annex) // sum(len(n) for _, n in groups)
                    annex.append({"group": gname, "number": str(k + 1 + rnd * len(names)),
                                  "name": nm if rnd == 0 else "%s(履歴%d)" % (nm, rnd)})
        file = {
            "outline": {
                "name": fname,
                "basic": {
                    "kind": "システム用ファイル",
                    "persons": "10万人以上100万人未満",
                    "scope": g.short(OPS, 150, 300, **kw),
                    "necessity": g.short(OPS, 300, 600, **kw),
                    "item_count": item_count,
                    "main_items": ["個人番号", "その他識別情報(内部番号)", "5情報(氏名、氏名の振り仮名、性別、生年月日、住所)",
                                   "連絡先(電話番号等)", "その他住民票関係情報", "地方税関係情報",
                                   "介護・高齢者福祉関係情報", "年金関係情報", "その他"],
                    "main_items_other": "口座情報",
                    "validity": ("・個人番号、その他識別情報(宛名番号、被保険者番号):対象者を正確に特定するために必要\n"
                                 "・5情報:被保険者の本人確認及び通知の送付を正確に行うために必要\n"
                                 + g.short(OPS, 200, 400, **kw)),
                    "all_items": "別添1を参照。",
                    "start": "平成27年10月",
                    "dept": "%s %s係" % (DEPT, ["資格", "賦課", "収納", "認定", "給付", "地域支援", "管理", "管理"][f]),
                },
                "use": {
                    "sources": ["本人又は本人の代理人", "評価実施機関内の他部署", "行政機関・独立行政法人等",
                                "地方公共団体・地方独立行政法人", "民間事業者"],
                    "sources_dept": "市民局市民課、財政局税務課、健康福祉局生活福祉課",
                    "sources_gov": "日本年金機構",
                    "sources_local": "他市区町村",
                    "sources_private": "介護サービス事業者",
                    "methods": ["紙", "専用線", "庁内連携システム", "情報提供ネットワークシステム", "その他"],
                    "methods_other": "国保連合会伝送システム",
                    "purpose": g.short(OPS, 100, 250, **kw),
                    "users_dept": "%s、市民局各区役所市民課、財政局税務課\n" % DEPT,
                    "users_count": r.choice(["50人以上100人未満", "100人以上500人未満"]),
                    "method": g.short(OPS, 400, 800, **kw),
                    "matching": g.short(OPS, 200, 400, **kw),
                    "start": "平成28年1月1日",
                },
                "entrust": {"status": "委託する", "count": g.nent, "items": ent},
                "sharing": {"status": ["提供を行っている", "移転を行っている"],
                            "provide_count": g.nprov, "transfer_count": g.ntran,
                            "provide": prov, "transfer": tran},
                "storage": {"place": g.para(MEASURES, 400, 800, **kw)},
                "remarks": "—",
            },
            "annex1": {"items": annex},
            "risk": {
                "name": fname,
                "obtain": {"measures": g.para(MEASURES, 300, 700, **kw), "sufficient": "十分である",
                           "other": g.para(MEASURES, 200, 400, **kw)},
                "use": {"r1_measures": g.para(MEASURES, 300, 600, **kw), "r1_sufficient": "十分である",
                        "auth": "行っている", "auth_method": g.para(MEASURES, 300, 600, **kw),
                        "r2_other_measures": g.para(MEASURES, 200, 500, **kw), "r2_sufficient": "十分である",
                        "other": g.para(MEASURES, 200, 400, **kw)},
                "entrust": {"contract_rule": "定めている",
                            "rule_content": g.short(MEASURES, 300, 600, **kw),
                            "sub_assurance": "十分に行っている",
                            "sub_method": g.short(MEASURES, 200, 500, **kw),
                            "other_measures": g.para(MEASURES, 300, 600, **kw),
                            "sufficient": "十分である", "other": "—"},
                "sharing": {"rule": "定めている", "rule_content": g.para(MEASURES, 300, 600, **kw),
                            "other_measures": g.para(MEASURES, 200, 400, **kw),
                            "sufficient": "十分である", "other": "—"},
                "network": {"r1_measures": g.para(MEASURES, 400, 900, numbered=True, **kw), "r1_sufficient": "十分である",
                            "r2_measures": g.para(MEASURES, 400, 900, numbered=True, **kw), "r2_sufficient": "十分である",
                            "other": g.para(MEASURES, 300, 600, **kw)},
                "storage": {"procedure": "十分に行っている", "incident": "発生なし",
                            "other_measures": g.para(MEASURES, 500, 900, **kw), "sufficient": "十分である",
                            "other": g.para(MEASURES, 200, 400, **kw)},
                "audit": {"done": list(audit)},
                "training": {"level": "十分に行っている", "method": g.para(MEASURES, 300, 600, **kw)},
                "other": g.para(MEASURES, 300, 600, **kw),
            },
        }
        files.append(file)
    doc["files"] = files
    doc["disclosure"] = {
        "request": {
            "place": "%s総務局総務課情報公開係 〒980-0001 %s中央一丁目1番1号 TEL 022-000-1111\n" % (CITY, CITY),
            "method": "指定様式による書面の提出により開示・訂正・利用停止請求を受け付ける。郵送による請求も受け付ける。\n",
            "special": "—", "unlisted": "—",
        },
        "inquiry": {
            "contact": "%s%s 〒980-0001 %s中央一丁目1番1号 TEL 022-000-2222\n" % (CITY, DEPT, CITY),
            "response": "・問合せ受付時に受付票を作成し、対応に関する記録を残す。\n・必要に応じて関係部署に連絡し、協議のうえ対応する。\n",
        },
    }
    doc["procedure"] = {
        "basic": {"date": "令和8年3月13日",
                  "threshold": "基礎項目評価及び重点項目評価の実施が義務付けられる"},
        "hearing": {"method": "—", "period": "—", "opinions": "—"},
        "third_party": {"method": "—", "result": "—"},
    }
    # 別添2: dated rows, oldest first, none after the publication date.
    changes = []
    n = g.nchanges
    start, end = (2016, 4), (2026, 3)
    months = (end[0] - start[0]) * 12 + end[1] - start[1]
    for i in range(n):
        mm = start[1] - 1 + i * months // max(n - 1, 1)
        y, m = start[0] + mm // 12, mm % 12 + 1
        ref, what = CHANGE_ITEMS[r.randrange(len(CHANGE_ITEMS))]
        f = r.randrange(g.nfiles)
        item = ref.format(n=r.randint(1, 5))
        if item.startswith(("II", "III")):
            item += " (%d. %s)" % (f + 1, FILE_NAMES[f])
        timing = r.choice(["事前", "事後", "事後"])
        changes.append({
            "date": g.wareki(y, m, r.randint(1, 28)),
            "item": item,
            "before": g.short(OPS if what != "保管" else MEASURES, 60, 200, file=FILE_NAMES[f]),
            "after": g.short(OPS if what != "保管" else MEASURES, 60, 200, file=FILE_NAMES[f]),
            "timing": timing,
            "reason": ("重要な変更に伴う再実施" if timing == "事前" else
                       "その他の項目の変更であり事前の提出・公表が義務付けられない。"),
        })
    doc["changes"] = changes
    return doc


# --- the form: paths, types and labels -----------------------------------

def run_fields(hyoka):
    out = subprocess.run([hyoka, "fields"], check=True, stdout=subprocess.PIPE,
                         env=dict(os.environ, LC_ALL="C.UTF-8")).stdout.decode("utf-8")
    fields = []
    for line in out.splitlines():
        p = line.split("\t")
        if len(p) >= 3 and p[2] != "heading":
            fields.append((p[0], p[2]))
    return fields


def form_labels(form):
    """path pattern -> set of option/member labels, from the form file."""
    try:
        import yaml
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        with open(form, encoding="utf-8") as fp:
            f = yaml.load(fp, Loader=loader)
    except ImportError:
        return None
    labels = {}

    def walk(nodes, prefix):
        for nd in nodes:
            k = nd.get("kind", "item")
            if k == "heading":
                # A printed heading: its items belong to this section.
                walk(nd.get("items", []), prefix)
                continue
            p = prefix + [str(nd["key"])]
            if k in ("group", "repeat"):
                walk(nd.get("items", []), p + (["*"] if k == "repeat" else []))
            elif nd.get("type") == "choice":
                labels[".".join(p)] = set(nd["options"])
            elif nd.get("type") == "multi":
                labels[".".join(p)] = set(m["label"] for m in nd["members"])
    walk(f["items"], [])
    return labels


def form_labels_plain(form):
    """Without PyYAML: every '- label' / option line of the form, anywhere."""
    s = set()
    with open(form, encoding="utf-8") as fp:
        for line in fp:
            m = re.match(r"\s*- (?:label: )?(.+?)\s*$", line)
            if m:
                s.add(m.group(1).strip("'\""))
    return s


def walk_doc(doc, prefix=""):
    """(pattern, value) for every leaf of the document."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from walk_doc(v, prefix + "." + k if prefix else k)
    elif isinstance(doc, list) and doc and isinstance(doc[0], dict) and not prefix.endswith("annex1.items"):
        for v in doc:
            yield from walk_doc(v, prefix + ".*")
    else:
        yield prefix, doc


def generic(typ, g):
    """A value for an item gen.py does not know yet, by its type."""
    return {"text": lambda: g.para(MEASURES, 200, 500), "line": lambda: "—",
            "date": lambda: "令和8年3月13日", "count": lambda: 1, "number": lambda: 1}.get(typ, lambda: None)()


# Items build() leaves empty on purpose: unchecked companions, items hidden
# by an answer (発生なし), optional items a typical assessment leaves out.
OMIT = {
    "files.*.outline.use.sources_other",
    "files.*.outline.sharing.provide.*.method_other",
    "files.*.outline.sharing.transfer.*.method_other",
    "files.*.outline.entrust.items.*.sub_method",
    "files.*.outline.entrust.items.*.sub_scope",
    "basic.systems.*.links_other",
    "files.*.risk.storage.incident_content",
    "files.*.risk.storage.prevention",
    "procedure.third_party.date",
}


def complete(doc, fields, g):
    """Fill items the form has and build() does not know (new items)."""
    known = set(p for p, _ in walk_doc(doc))
    missing = []
    for path, typ in fields:
        if path in known or path in OMIT or typ in ("flag", "choice", "multi", "table"):
            continue
        missing.append(path)
        parts = path.split(".")

        def put(node, parts):
            if not parts:
                return
            k = parts[0]
            if k == "*":
                for inst in node:
                    put(inst, parts[1:])
                return
            if len(parts) == 1:
                v = generic(typ, g)
                if v is not None and isinstance(node, dict):
                    node.setdefault(k, v)
                return
            if isinstance(node, dict) and k in node:
                put(node[k], parts[1:])
        put(doc, parts)
    return missing


# --- YAML writer in hyoka's style ---------------------------------------

PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@` ")
YAML11_WORDS = re.compile(r"^(y|n|yes|no|on|off|true|false|null|~|[-+.0-9a-fA-F:xob_]+)$", re.I)


# Text items --findings many leaves as they are: the file list (I-3 must
# match the files) and the 別添2 texts other than the item.
MANY_KEEP = {"basic.file_names", "changes.*.before", "changes.*.after", "changes.*.reason"}


def many_findings(doc, fields, g):
    """Every text item one paragraph, every 別添2 項目 naming no item."""
    order = {}
    for i, (path, _) in enumerate(fields):
        parts = path.split(".")
        for k in range(1, len(parts) + 1):
            order.setdefault(".".join(parts[:k]), i)

    def put(node, parts, pat, value):
        k = parts[0]
        if k == "*":
            for inst in node:
                put(inst, parts[1:], pat + ".*", value)
            return
        if not isinstance(node, dict):
            return
        p = pat + "." + k if pat else k
        if len(parts) == 1:
            node[k] = value()
        elif k in node:
            put(node[k], parts[1:], p, value)
        else:
            return
        # Keep the form's order of the keys (hyoka's own layout).
        keys = sorted(node, key=lambda x: order.get(pat + "." + x if pat else x, -1))
        for x in keys:
            node[x] = node.pop(x)

    for path, typ in fields:
        if typ == "text" and path not in MANY_KEEP:
            put(doc, path.split("."), "", lambda: g.para(MEASURES, 40, 110, heads=False))
        elif typ == "line" and path.endswith("_other"):
            put(doc, path.split("."), "", lambda: g.r.choice(SYSTEMS))
    # Every 提供先/移転先 names more persons than its file holds (X9a, X9b).
    for f in doc["files"]:
        for blk in f["outline"]["sharing"]["provide"] + f["outline"]["sharing"]["transfer"]:
            blk["persons"] = "100万人以上1,000万人未満"
    # Every 別添2 row names no item (X19) and is dated after the
    # publication date (X2b): changes drafted for the next edition.
    n = len(doc["changes"])
    for i, row in enumerate(doc["changes"]):
        row["item"] = "VI-%d-%s" % (i + 1, g.r.choice(["別表の記載", "附則の記載", "様式外の項目"]))
        mm = 3 + i * 11 // max(n - 1, 1)
        row["date"] = g.wareki(2026 + mm // 12, mm % 12 + 1, g.r.randint(2, 28))


def scalar(v):
    if v is True:
        return "true"
    if isinstance(v, int):
        return str(v)
    s = str(v)
    assert "\n" not in s
    if (s == "" or s[0] in PLAIN_BAD_START or ": " in s or " #" in s or s.endswith(":")
            or s != s.strip() or YAML11_WORDS.match(s)):
        return "'" + s.replace("'", "''") + "'"
    return s


def emit(node, ind, out):
    pad = " " * ind
    for k, v in node.items():
        if isinstance(v, dict):
            out.append("%s%s:\n" % (pad, k))
            emit(v, ind + 2, out)
        elif isinstance(v, list):
            out.append("%s%s:\n" % (pad, k))
            for x in v:
                if isinstance(x, dict):
                    sub = []
                    emit(x, ind + 2, sub)
                    first = sub[0]
                    sub[0] = pad + "- " + first[ind + 2:]
                    out.extend(sub)
                else:
                    out.append("%s- %s\n" % (pad, scalar(x)))
        elif isinstance(v, str) and "\n" in v:
            body = v[:-1] if v.endswith("\n") else v
            out.append("%s%s: |%s\n" % (pad, k, "" if v.endswith("\n") else "-"))
            for line in body.split("\n"):
                assert not line.startswith(" "), line
                out.append(("%s  %s\n" % (pad, line)) if line else "\n")
        else:
            out.append("%s%s: %s\n" % (pad, k, scalar(v)))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", choices=sorted(SIZES), default="large")
    ap.add_argument("--findings", choices=("none", "many"), default="none",
                    help="many: every text item a paragraph, every 別添2 項目 naming no item")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hyoka", default=os.environ.get("HYOKA", os.path.join(top, "build", "hyoka")))
    ap.add_argument("--form", default=os.path.join(top, "forms", "jyuten.yaml"))
    ap.add_argument("--check", action="store_true", help="load the output with hyoka check; fail on exit 2")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()

    g = Gen(a.size, a.seed)
    doc = build(g)

    fields = run_fields(a.hyoka)
    ftypes = dict(fields)
    missing = complete(doc, fields, g)
    if a.findings == "many":
        many_findings(doc, fields, g)
    for p in missing:
        print("gen.py: note: %s is new in the form; filled by its type" % p, file=sys.stderr)
    labels = form_labels(a.form)
    plain = form_labels_plain(a.form) if labels is None else None
    bad = []
    for path, v in walk_doc(doc):
        if path in ("hyoka", "form", "form_version"):
            continue
        if path not in ftypes:
            bad.append("%s: not an item of the form (hyoka fields)" % path)
            continue
        if ftypes[path] in ("choice", "multi"):
            for x in (v if isinstance(v, list) else [v]):
                ok = x in labels.get(path, ()) if labels is not None else x in plain
                if not ok:
                    bad.append("%s: %r is not a label of the form" % (path, x))
    if bad:
        print("gen.py: the generated document does not match the form:", file=sys.stderr)
        for b in bad:
            print("  " + b, file=sys.stderr)
        return 2

    out = []
    emit(doc, 0, out)
    text = "".join(out)
    tmp = a.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fp:
        fp.write(text)
    os.replace(tmp, a.output)

    if a.check:
        p = subprocess.run([a.hyoka, "check", a.output], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=dict(os.environ, LC_ALL="C.UTF-8"))
        if p.returncode not in (0, 1):
            sys.stderr.write(p.stderr.decode("utf-8", "replace"))
            print("gen.py: hyoka check refused %s (exit %d)" % (a.output, p.returncode), file=sys.stderr)
            return 2
        errs = p.stdout.decode("utf-8", "replace")
        print("gen.py: %s: %d bytes, hyoka check exit %d, %d finding line(s)"
              % (a.output, len(text.encode("utf-8")), p.returncode, len(errs.splitlines())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
