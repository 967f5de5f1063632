"""What a reader sees: check the committed notebooks and the README the way a reader meets them.

Usage:  python .ci/reader_check.py        prints each problem on a line, then "N problems"; exit 1 if any

Checked:
- every numbered notebook has committed outputs, and at least one figure or table (an image, HTML or a
  Markdown/text table);
- no committed output holds terminal escape codes, a Python warning or a traceback;
- no notebook or README speaks of tracker issues, sessions, the first person, or paths outside the repository."""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = re.compile(r"issue #\d|issues? #\d|#\d+ (?:asks|says)|this session|last session|What I observed|shared/seeds"
                   r"|\bI (?:ran|measured|found|checked|kept|used|think|observed|left|added)\b|\bmy\b", re.I)
BAD_OUTPUT = re.compile(r"\x1b\[|Warning:| - WARNING - |Traceback \(most recent call last\)")


def texts(cell) -> str:
    return ''.join(cell['source']) if isinstance(cell['source'], list) else cell['source']


def output_text(out) -> str:
    if 'text' in out: return ''.join(out['text'])
    data = out.get('data', {})
    return ''.join(''.join(v) if isinstance(v, list) else str(v) for k, v in data.items() if k.startswith('text/'))


def shows_something(out) -> bool:
    data = out.get('data', {})
    if 'image/png' in data or 'text/html' in data or 'text/markdown' in data: return True
    return '|' in output_text(out) or 'image/svg+xml' in data


def problems_of(nb_path:Path) -> list:
    nb = json.loads(nb_path.read_text())
    out, name = [], nb_path.name
    code = [c for c in nb['cells'] if c['cell_type'] == 'code']
    outputs = [o for c in code for o in c.get('outputs', [])]
    numbered = name[0].isdigit()
    if numbered and not outputs: out.append(f"{name}: no committed outputs")
    elif numbered and not any(shows_something(o) for o in outputs): out.append(f"{name}: no figure or table in its outputs")
    for i, c in enumerate(nb['cells']):
        prose = texts(c) if c['cell_type'] == 'markdown' else '\n'.join(re.findall(r'#(?!\|)[^\n]*', texts(c)))
        for m in WORDS.finditer(prose): out.append(f"{name} cell {i}: words about how the work was organised: {m.group(0)!r}")
        for o in c.get('outputs', []):
            if m := BAD_OUTPUT.search(output_text(o)): out.append(f"{name} cell {i}: output holds {m.group(0)!r}")
    return out


def main() -> int:
    problems = [p for nb in sorted((ROOT / 'nbs').glob('*.ipynb')) for p in problems_of(nb)]
    readme = (ROOT / 'README.md').read_text()
    problems += [f"README.md: words about how the work was organised: {m.group(0)!r}" for m in WORDS.finditer(readme)]
    print(*problems, sep='\n')
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
