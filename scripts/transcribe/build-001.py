"""Build seeds/catalogs/{minimum-baseline,security-checklist}.json from
/work/shared/sources/001_002212e190d34eb2.txt (付表2, 付表3, 付表4, 付表6)
and the hand-written English in translations-001.json.
Run: python3 scripts/transcribe/build-001.py   (from /work/main)"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parse001 import lines, t2, t3, t4, t6rows

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, '..', '..', 'seeds', 'catalogs'))
DOC = '001_002212e190d34eb2.txt'
tr = json.load(open(os.path.join(HERE, 'translations-001.json'), encoding='utf-8'))
ls = lines()

# ---------------------------------------------------------------- baseline
r6 = t6rows(ls)
p4 = {p['no']: p for p in t4(ls)}
r2 = t2(ls)
assert [r['no'] for r in r6] == list(range(1, 33))
assert sorted(p4) == [4, 5, 6, 7, 15, 16, 24, 25, 31]
assert sorted(r2) == list(range(1, 9))
for n in (4, 5, 6, 7):  # 付表2 (as surveyed) and 付表4 旧 must agree
    assert r2[n]['text'] == p4[n]['old'], n

def base_item(r, text, text_en, revised=False):
    it = {'no': r['no'], 'category': r['category'], 'zone': r['zone'], 'text': text, 'textEn': text_en}
    p = p4.get(r['no'])
    if p and p['legacyNo'] is not None:
        it['legacyNo'] = p['legacyNo']
    if revised:
        it['revised'] = True
    if r['no'] <= 8:
        it['complianceItem'] = True
    return it

v2013, v2014 = [], []
for r in r6:
    n = r['no']
    en = tr['baseline'][str(n)]
    en_old = tr['baseline2013'].get(str(n), en)
    if n in p4:
        old = p4[n]['old']
    elif n in r2:
        old = r2[n]['text']
    else:
        old = r['text']
    v2013.append(base_item(r, old, en_old))
    v2014.append(base_item(r, r['text'], en, revised=n in p4))

baseline = {
    'code': 'minimum-baseline',
    'title': {'ja': 'ミニマムベースラインチェック項目', 'en': 'Minimum baseline checklist'},
    'source': {'document': DOC, 'sections': ['付表6', '付表4', '付表2']},
    'hasCategory': True, 'hasZone': True, 'hasMandatory': False,
    'transcriptionNotes': [
        '2014 wording is 付表6 (ミニマムベースラインチェック項目) verbatim. 付表4 新 (the revised wording) differs from 付表6 in some characters; 付表6 is used because it is the published catalogue. Differences (付表4 新 → 付表6): '
        '#4 「地域がん登録事業における」→「地域がん登録室における」, full-width （） → half-width (), 「2) 情報の収集・出張採録」→「2) 情報の収集、出張採録」; '
        '#5 「1) 入退室管理」→「1) 入室管理」; '
        '#6 「一覧できる手段」→「一望できる手段」; '
        '#7 full-width （） → half-width (); '
        '#16 「？（ただし、…行為 【例：…】は除く。）」→「？(ただし、…行為【例：…】は除く。)」 (half-width parentheses, no space before 【); '
        '#25 「廃棄後の復帰ができない」→「廃棄後の復旧ができない」. '
        '#15, #24 and #31 are identical in 付表4 新 and 付表6.',
        '2013 wording: #1–#3 and #8 are 付表2 verbatim; #4–#7, #15, #16, #24, #25, #31 are 付表4 旧 verbatim (付表2 #4–#7 is identical to 付表4 旧, checked by the build script); all other items are 付表6 text (not listed as revised in 付表4).',
        '付表2 differs from 付表6 for two items that 付表4 does not list as revised: #1 「取り扱い」(付表2) vs 「取扱い」(付表6); #8 list markers 「？（1）…、（2）…、（3）…」(付表2) vs 「？ 1) …、2) …、3) …」(付表6). These are notational only; #1 and #8 are therefore not flagged revised.',
        'Category (付表5, A–D) and defence zone (付表1, 0–3) come from 付表6 for both versions. The report (section C (5)) says that the category scheme was changed to A–D and that the zones of four items were changed in the same revision (one item zone 1→0, one item zone 1→2, two items zone 2→0) but does not say which items, so the 2013 zones in this file are NOT the zones used in the FY2013 tool for those four items.',
        'Old numbering: 付表4 gives old numbers only for #15 (旧#18), #16 (旧#15), #24 (旧#22), #25 (旧#23), #31 (旧#17); these are recorded as legacyNo in both versions. The old numbers of the other items are not published, so the 2013 version is numbered by the current (付表6) numbers.',
        'Source OCR/typesetting oddities that do not affect item texts: the 付表6 column header reads 「防ソ」 (for 防ゾ = 防御ゾーン); the 付表4 title reads 「ミニデータベースラインの修正（平成 25 年度）」 (for ミニマムベースライン).',
        'Question text for #25 uses 「復旧」 in 付表6 but 「復帰」 in 付表4 (旧 and 新) and in checklist item 65 (付表3); transcribed as each table has it.',
    ],
    'versions': [
        {'version': '2013',
         'label': {'ja': '平成25年度調査時の表記', 'en': 'Wording as surveyed in FY2013'},
         'source': '付表4 (旧), 付表2',
         'note': 'Wording used in the FY2013 (平成25年度) minimum-baseline survey. Items revised after the survey take the 旧 (old) wording of 付表4 (#4–#7, #15, #16, #24, #25, #31); #1–#3 and #8 take the wording of 付表2 (the eight compliance items added in 2013, as surveyed); items not revised in 付表4 keep the 付表6 text. Numbering follows the current catalogue (付表6); legacyNo gives the old number where 付表4 names it (#15 was 旧#18, #16 was 旧#15, #24 was 旧#22, #25 was 旧#23, #31 was 旧#17). Category and zone are those of 付表6 because the old category scheme is not published item by item, and the report states that four items changed defence zone in the revision without naming them.',
         'items': v2013},
        {'version': '2014',
         'label': {'ja': '平成25年度調査後の改訂版（付表6）', 'en': 'Revised after the FY2013 survey (Appendix table 6)'},
         'source': '付表6',
         'items': v2014},
    ],
}

# ---------------------------------------------------------------- checklist
sections, groups, items, unnumbered = t3(ls)
GROUP_CODES = {
    '組織的安全管理対策': ('organisational', 'Organisational security measures'),
    '物理的安全管理対策': ('physical', 'Physical security measures'),
    '技術的安全管理対策': ('technical', 'Technical security measures'),
    '人的安全管理対策': ('human', 'Human security measures'),
    '入退室管理': ('entry', 'Room entry and exit control'),
    '取得': ('acquisition', 'Acquisition'),
    '入力': ('input', 'Data entry'),
    '利用・加工': ('use', 'Use and processing'),
    '保管・消去・廃棄': ('storage-disposal', 'Storage, erasure and disposal'),
    'バックアップ': ('backup', 'Backup'),
    'システム管理': ('system-management', 'System management'),
    '地域がん登録室からの医療機関への問い合わせ': ('hospital-inquiries', 'Inquiries from the regional cancer registry office to medical institutions'),
    '外部からの問い合わせ': ('external-inquiries', 'Inquiries from outside'),
    '出張探録': ('field-collection', 'Field collection'),
    '移送': ('transport', 'Transport'),
}
SECTION_EN = {'basic': 'Basic security measures', 'work': 'Security measures by task'}
assert [g[1] for g in groups] == list(GROUP_CODES), groups

# Wrap artefact: item 26's question has a space inside a word (「より 強固」) where the
# PDF line wrapped; the same phrase in its measure has no space. Joined without the space.
WRAP_FIXES = {26: ('より 強固', 'より強固')}

cl_items = []
for it in items:
    n = it['no']
    q_en, m_en = tr['checklist'][str(n)]
    text = it['text']
    if n in WRAP_FIXES:
        a, b = WRAP_FIXES[n]
        assert a in text
        text = text.replace(a, b)
    assert (m_en is None) == (it['measure'] is None), n
    assert it['priorityRaw'] == '', n
    cl_items.append({
        'no': n, 'group': GROUP_CODES[it['group']][0], 'text': text, 'textEn': q_en,
        'measureNo': it['measureNo'], 'measure': it['measure'], 'measureEn': m_en,
        'note': it['note'], 'priority': False,
    })
assert [i['no'] for i in cl_items] == list(range(1, 121))

unnum = []
for u in unnumbered:
    code = GROUP_CODES[u['group']][0]
    m_en, note_en = tr['unnumbered'][f"{code}:{u['measureNo']}"]
    unnum.append({'group': code, 'afterNo': u['afterNo'], 'no': None, 'text': None, 'textEn': None,
                  'measureNo': u['measureNo'], 'measure': u['measure'], 'measureEn': m_en,
                  'note': u['note'], 'noteEn': note_en})

checklist = {
    'code': 'security-checklist',
    'title': {'ja': '安全管理措置チェックリスト', 'en': 'Security measures checklist'},
    'source': {'document': DOC, 'sections': ['付表3']},
    'hasCategory': False, 'hasZone': False, 'hasMandatory': False,
    'transcriptionNotes': [
        'Source table columns: No. | チェックリスト | No. (number of the minimum measure within its group) | 対応する最低限の対策 | 備考 | 優先対策項目. Questions are numbered 1–120 consecutively across all groups; measure numbers restart at 1 in each group.',
        'The 優先対策項目 (priority) column is empty for all 120 rows in the source text, so priority is false everywhere. The report says the handbook marks minimum-baseline (priority) items with * in the 最低限の対策 text; no such marks survive in this text extraction, so the markers may have been lost. Do not read priority=false as "not a baseline item".',
        'Questions 9, 53, 54, 64 and 104 have no measure of their own (measure columns empty); measureNo/measure are null as in the table (e.g. measure 8 of the organisational group covers both questions 8 and 9; measure 6 of field collection also covers question 104).',
        'Question 41 (入退室管理) has no measure number; its measure column reads only 「[補足を参照]」 (see supplement), which is transcribed as the measure text with measureNo null. The supplement itself is not in this document.',
        'In the group 【地域がん登録室からの医療機関への問い合わせ】 the table has a row without a question number between questions 90 and 91: measure No. 2 「地域がん登録室から医療機関への問い合わせについて、問い合わせの範囲と手続きを記述する。」 with the note 「チェックリストNo.3, 5に含まれる」 (covered by checklist questions 3 and 5). It is kept in versions[].unnumberedRows, not as an item.',
        'Section headings are 「基本的な安全管理対策」 (the source line reads 「. 基本的な安全管理対策」, a lost section number) and 「作業内容からみた安全管理対策」 (からみた in hiragana). The field-collection heading is spelt 【出張探録】 in the source (探録 for 採録); groups[].ja keeps the source spelling.',
        'Question 26: the source has 「…入力端末より 強固な…」 with a space from a line wrap; joined without the space (the same phrase in its measure has none).',
        'Source typos/OCR errors kept verbatim (English translates the evident meaning): 「探録」 for 採録 throughout questions/measures 26, 98–110 and the field-collection heading (「採録」 is used elsewhere, e.g. 3, 5, 116); measure 4 「保険医療施設」 vs question 4 「保健医療施設」; question 18 「個人情報保存されている」 (が missing); measure 59 has an unbalanced closing parenthesis 「…持ち出し理由(コピー等)等)があげられる)を作成する。」; question/measure 60 「戻し忘れないような」 (baseline #17 has 「戻し忘れがないような」); measure 80 「作業責任者と作業管理者は明確にする」 (作業担当者 elsewhere); measure 88 「作業分担当と処理しよよい情報の範囲」 (for 作業分担と処理してよい); question 102 「法も運者」 (for 訪問者, as in its measure); question/measure 108 「減失」 (for 滅失); measure 118 「鞆や紙袋」 (鞆 for 鞄, bag).',
    ],
    'sections': [{'code': c, 'ja': ja, 'en': SECTION_EN[c]} for c, ja in sections],
    'groups': [{'code': GROUP_CODES[ja][0], 'section': sec, 'ja': ja, 'en': GROUP_CODES[ja][1]} for sec, ja in groups],
    'versions': [{
        'version': '2014',
        'label': {'ja': '平成26年度改訂版（120項目）', 'en': '2014 revision (120 items)'},
        'source': '付表3',
        'items': cl_items,
        'unnumberedRows': unnum,
    }],
}

os.makedirs(OUT, exist_ok=True)
for name, obj in (('minimum-baseline.json', baseline), ('security-checklist.json', checklist)):
    with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write('\n')
    print('wrote', os.path.join(OUT, name))
