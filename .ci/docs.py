"""Build the documentation site without Quarto: one HTML page per notebook in nbs/ (as committed, with whatever
outputs it holds; nothing is executed), its images embedded, and an index.html whose front matter is
nbs/index.ipynb, followed by a list of every page in notebook order with its title and one-line description.
Quarto's own site (nbdev_docs) is built on GitHub by .github/workflows/deploy.yaml.

Usage:  python .ci/docs.py [--out _docs]            build the site
        python .ci/docs.py [--out _docs] --check    build it, then check it
        python .ci/docs.py --out DIR --no-build --check   check a site built before
The check fails (exit 1, naming what is wrong) unless every notebook has its page and every <img> on every page
resolves: a data: URI that decodes to a non-empty PNG, JPEG, GIF or SVG, or a relative file that exists and is not empty."""
import argparse, base64, html, re, shutil, sys, time, urllib.parse
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT / 'nbs'
SITE_TITLE = 'diffusion_lowdim'
STYLE = """<style>
.dl-nav{position:sticky;top:0;z-index:10;background:#f5f5f5;border-bottom:1px solid #ddd;padding:6px 16px;font:14px sans-serif}
.dl-nav a{margin-right:14px;text-decoration:none}
#contents{margin:24px auto;max-width:1100px;padding:0 16px;font:15px sans-serif}
#contents li{margin:4px 0} #contents .desc{color:#555}
</style>"""


def notebooks(nbs=NBS) -> list:
    "The site's notebooks in order: index.ipynb first, then nbs/*.ipynb by name (not nbs/tests/, not names starting with `_`)"
    nbs = Path(nbs)
    rest = sorted(p for p in nbs.glob('*.ipynb') if not p.name.startswith('_') and p.name != 'index.ipynb')
    return ([nbs / 'index.ipynb'] if (nbs / 'index.ipynb').exists() else []) + rest


def page_name(nb:Path) -> str: return nb.stem + '.html'


def title_and_description(nb) -> tuple:
    "A notebook's title (its first `# ` markdown heading) and description (its first `> ` line); '' where missing"
    title = desc = ''
    for c in nb.cells:
        if c.cell_type != 'markdown': continue
        for line in c.source.splitlines():
            if not title and line.startswith('# '): title = line[2:].strip()
            elif not desc and line.startswith('> '): desc = line[2:].strip()
        if title and desc: break
    return title, desc


_DIRECTIVE = re.compile(r'^\s*#\s*\|\s*([\w-]+)')

def for_the_page(nb):
    "The notebook as a reader sees it in nbdev's docs: `#| hide` and `#| default_exp` cells dropped, `#| ` directive lines removed"
    cells = []
    for c in nb.cells:
        if c.cell_type == 'code':
            lines = c.source.splitlines()
            flags = {m.group(1) for l in lines if (m := _DIRECTIVE.match(l))}
            if flags & {'hide', 'default_exp'}: continue
            c.source = '\n'.join(l for l in lines if not _DIRECTIVE.match(l))
        cells.append(c)
    nb.cells = cells
    return nb


def _inline(text:str) -> str:
    "Escaped text with `code` spans"
    return re.sub(r'`([^`]+)`', r'<code>\1</code>', html.escape(text))


def build(out='_docs', nbs=NBS, quiet=False) -> list:
    "Write one page per notebook and index.html into `out`; returns [(notebook, page, title, description)]"
    import nbformat
    from nbconvert import HTMLExporter
    out, nbs = Path(out), Path(nbs)
    out.mkdir(parents=True, exist_ok=True)
    if (nbs / 'images').is_dir(): shutil.copytree(nbs / 'images', out / 'images', dirs_exist_ok=True) # for raw <img src="images/...">
    exporter = HTMLExporter(template_name='lab', embed_images=True, exclude_input_prompt=True, exclude_output_prompt=True)
    paths = notebooks(nbs)
    nbs_names = {p.name for p in nbs.glob('*.ipynb')}
    docs = [(p, nbformat.read(p, as_version=4)) for p in paths]
    entries = [(p, page_name(p), *title_and_description(nb)) for p, nb in docs]
    def link(m): # links between notebooks point at their pages
        target, anchor = m.group(2), m.group(3) or ''
        return f'{m.group(1)}{Path(target).stem}.html{anchor}"' if target in nbs_names else m.group(0)
    for i, (p, nb) in enumerate(docs):
        t0 = time.monotonic()
        body, _ = exporter.from_notebook_node(for_the_page(nb), resources={'metadata': {'path': str(nbs), 'name': p.stem}})
        body = re.sub(r'(href=")([\w.-]+\.ipynb)(#[^"]*)?"', link, body)
        prev = f'<a href="{entries[i-1][1]}">&larr; {html.escape(entries[i-1][2] or entries[i-1][0].stem)}</a>' if i > 0 else ''
        nxt = f'<a href="{entries[i+1][1]}">{html.escape(entries[i+1][2] or entries[i+1][0].stem)} &rarr;</a>' if i + 1 < len(entries) else ''
        nav = f'<nav class="dl-nav"><a href="index.html"><b>{SITE_TITLE}</b></a><a href="index.html#contents">Contents</a>{prev}{nxt}</nav>'
        body = body.replace('</head>', STYLE + '\n</head>', 1)
        body = re.sub(r'(<body[^>]*>)', lambda m: m.group(1) + '\n' + nav, body, count=1)
        if p.name == 'index.ipynb' or (i == 0 and not (nbs / 'index.ipynb').exists()): body = body.replace('</main>', _contents(entries) + '\n</main>', 1)
        (out / page_name(p)).write_text(body, encoding='utf-8')
        if not quiet: print(f'  {page_name(p):28s} {len(body) / 1e3:8.0f} kB  {time.monotonic() - t0:5.1f}s', flush=True)
    if not (nbs / 'index.ipynb').exists(): # no front page notebook: a bare index
        (out / 'index.html').write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{SITE_TITLE}</title>{STYLE}</head>'
                                        f'<body><main>{_contents(entries)}</main></body></html>', encoding='utf-8')
    return entries


def _contents(entries) -> str:
    items = '\n'.join(f'<li><a href="{page}">{_inline(title or p.stem)}</a> <span class="desc">({p.name}){" — " + _inline(desc) if desc else ""}</span></li>'
                      for p, page, title, desc in entries)
    return f'<section id="contents"><h2>Notebooks</h2>\n<ol start="0">\n{items}\n</ol>\n</section>'


class _Imgs(HTMLParser):
    def __init__(self): super().__init__(); self.srcs = []
    def handle_starttag(self, tag, attrs):
        if tag == 'img': self.srcs.append(dict(attrs).get('src'))


_MAGIC = {'image/png': lambda b: b.startswith(b'\x89PNG\r\n\x1a\n'), 'image/jpeg': lambda b: b.startswith(b'\xff\xd8\xff'),
          'image/gif': lambda b: b[:6] in (b'GIF87a', b'GIF89a'), 'image/svg+xml': lambda b: b'<svg' in b[:4096]}

def image_problem(src, page:Path) -> str:
    "Why an <img> src on `page` does not resolve; '' if it does"
    if not src: return 'an <img> without src'
    if src.startswith('data:'):
        head, _, data = src[5:].partition(',')
        mime, *params = head.split(';')
        try: raw = base64.b64decode(data, validate=True) if 'base64' in params else urllib.parse.unquote_to_bytes(data)
        except ValueError as e: return f'a {mime} data: URI that does not decode ({e})'
        if mime not in _MAGIC: return f'a data: URI of type {mime!r} (expected PNG, JPEG, GIF or SVG)'
        if not raw: return f'an empty {mime} data: URI'
        if not _MAGIC[mime](raw): return f'a {mime} data: URI whose bytes are not a {mime} ({raw[:8]!r}...)'
        return ''
    u = urllib.parse.urlsplit(src)
    if u.scheme or u.netloc: return f'{src[:80]}: not part of the site (it would need a download)'
    f = (page.parent / urllib.parse.unquote(u.path)).resolve()
    if not f.is_file(): return f'{src}: no such file {f}'
    if f.stat().st_size == 0: return f'{src}: the file {f} is empty'
    return ''


def check(out='_docs', nbs=NBS) -> list:
    "Problems of the site in `out`: pages missing for notebooks, <img>s that do not resolve. Prints a one-line summary"
    out, problems, n_img = Path(out), [], 0
    pages = [out / page_name(p) for p in notebooks(nbs)]
    if not (out / 'index.html').is_file(): problems.append('index.html is missing')
    for page in pages:
        if not page.is_file(): problems.append(f'{page.name}: missing (the page of nbs/{page.stem}.ipynb)'); continue
        parser = _Imgs(); parser.feed(page.read_text(encoding='utf-8'))
        n_img += len(parser.srcs)
        problems += [f'{page.name}: image {k}: {why}' for k, src in enumerate(parser.srcs) if (why := image_problem(src, page))]
    index = (out / 'index.html').read_text(encoding='utf-8') if (out / 'index.html').is_file() else ''
    problems += [f'index.html does not link {p.name}' for p in pages if f'href="{p.name}"' not in index]
    print(f'docs site {out}: {sum(p.is_file() for p in pages)}/{len(pages)} pages, {n_img} images, {len(problems)} problems')
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--out', default=str(ROOT / '_docs'), help='the site folder (default _docs)')
    ap.add_argument('--check', action='store_true', help='check the site after building it')
    ap.add_argument('--no-build', action='store_true', help='do not build; with --check, check the site already in --out')
    a = ap.parse_args(argv)
    if not a.no_build:
        t0 = time.monotonic()
        entries = build(a.out)
        print(f'built {len(entries)} pages into {a.out} in {time.monotonic() - t0:.1f}s; open {Path(a.out) / "index.html"}')
    if a.check:
        problems = check(a.out)
        for p in problems: print(f'  FAIL {p}')
        return 1 if problems else 0
    return 0


if __name__ == '__main__': sys.exit(main())
