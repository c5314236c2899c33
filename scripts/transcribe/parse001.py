"""Parser for the tables of 001_002212e190d34eb2.txt (付表2, 付表3, 付表4, 付表6)."""
import re

SRC = '/work/shared/sources/001_002212e190d34eb2.txt'

def lines():
    return open(SRC, encoding='utf-8').read().split('\n')

def section(ls, start_pat, end_pat):
    s = next(i for i, l in enumerate(ls) if re.match(start_pat, l))
    e = next(i for i in range(s + 1, len(ls)) if re.match(end_pat, ls[i]))
    return s, ls[s:e]

def clean(t):
    return t.strip() if t is not None else None

def t2(ls):
    _, sec = section(ls, r'^付表 ?2\.', r'^付表 ?3\.')
    out = {}
    for l in sec:
        m = re.match(r'^#(\d+)\t(.*)\t(\d+)$', l)
        if m:
            out[int(m.group(1))] = {'text': clean(m.group(2)), 'unmet': int(m.group(3))}
    return out

def t6rows(ls):
    s = next(i for i, l in enumerate(ls) if re.match(r'^付表 ?6\.', l))
    out = []
    for l in ls[s:]:
        m = re.match(r'^(\d+)\t([A-D])\t(\d)\t(.*)$', l)
        if m:
            out.append({'no': int(m.group(1)), 'category': m.group(2), 'zone': int(m.group(3)), 'text': clean(m.group(4))})
    return out

def t4(ls):
    _, sec = section(ls, r'^付表 ?4\.', r'^付表 ?5\.')
    rows = []
    for l in sec:
        parts = l.split('\t')
        if len(parts) == 3 and parts[1] in ('旧', '新'):
            rows.append((parts[0].strip(), parts[1], clean(parts[2])))
    pairs = []
    for i in range(0, len(rows), 2):
        (la, ka, ta), (lb, kb, tb) = rows[i], rows[i + 1]
        assert ka == '旧' and kb == '新', (rows[i], rows[i + 1])
        label = la or lb
        m = re.match(r'^#(\d+)(?: \(旧#(\d+)\))?$', label)
        assert m, label
        pairs.append({'no': int(m.group(1)), 'legacyNo': int(m.group(2)) if m.group(2) else None, 'old': ta, 'new': tb, 'label': label})
    return pairs

def t3(ls):
    _, sec = section(ls, r'^付表 ?3\.', r'^付表 ?4\.')
    section_code = None
    group = None
    items, unnumbered, groups, sections = [], [], [], []
    last_no = None
    for l in sec:
        if re.match(r'^\.?\s*基本的な安全管理対策$', l):
            section_code = 'basic'; sections.append(('basic', l.lstrip('. ').strip())); continue
        if re.match(r'^作業内容から(み|見)た安全管理対策$', l):
            section_code = 'work'; sections.append(('work', l.strip())); continue
        m = re.match(r'^【(.*)】$', l)
        if m:
            group = m.group(1); groups.append((section_code, group)); continue
        if l.startswith('No.\t') or re.match(r'^付表 ?3\.', l):
            continue
        parts = l.split('\t')
        if len(parts) == 6:
            no, q, mno, meas, note, prio = [p.strip() for p in parts]
            row = {
                'group': group,
                'text': q or None,
                'measureNo': int(mno) if mno else None,
                'measure': meas or None,
                'note': note or None,
                'priorityRaw': prio,
            }
            if no:
                row['no'] = int(no); last_no = int(no); items.append(row)
            else:
                row['afterNo'] = last_no; unnumbered.append(row)
        elif l.strip():
            raise ValueError('unparsed line: ' + l)
    return sections, groups, items, unnumbered
