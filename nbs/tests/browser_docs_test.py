"""Browser test of the documentation site (.ci/docs.py): build it (or take one built before, --site), serve it with
`python -m http.server` on 127.0.0.1, open the page of 03a_dual_scale_figures in headless Chromium (Debian's `chromium`, driven
by Playwright; nothing downloads a browser) and check that the weight-evolution figure drawn from the reference store
has loaded: the <img> in the output of the cell that prints "weight evolution from the reference store".

Usage:  python3 nbs/tests/browser_docs_test.py [--site DIR] [--chromium /usr/bin/chromium] [--timeout 300] [--keep]
Needs:  apt-get install -y chromium ; pip install playwright   (never `playwright install`)
Exit:   0 passed, 1 failed, 2 prerequisites missing (chromium or playwright)."""
import argparse, os, shutil, signal, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
from browser_viewer_test import Timeout, free_port, headless_page, wait_for # one way to find and start Chromium

PAGE = '03a_dual_scale_figures.html'
MARKER = 'weight evolution from the reference store' # printed by the cell that draws the figure
CELL = f'.jp-CodeCell:has(.jp-OutputArea-output:has-text("{MARKER}"))'
IMG = f'{CELL} .jp-OutputArea-output img'


def log(msg): print(f'[docs-browser-test {time.strftime("%H:%M:%S")}] {msg}', flush=True)


def serve(site, port, log_path):
    "`python -m http.server` on 127.0.0.1:`port` serving `site`, in its own process group"
    return subprocess.Popen([sys.executable, '-m', 'http.server', str(port), '--bind', '127.0.0.1', '--directory', str(site)],
                            stdout=open(log_path, 'wb'), stderr=subprocess.STDOUT, start_new_session=True)


def server_up(port):
    try:
        with urllib.request.urlopen(f'http://127.0.0.1:{port}/{PAGE}', timeout=2) as r: return r.status == 200
    except OSError: return False


def stop(proc):
    if proc is None or proc.poll() is not None: return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try: os.killpg(proc.pid, sig)
        except ProcessLookupError: return
        try: proc.wait(5); return
        except subprocess.TimeoutExpired: continue


def run_browser(chromium, url, timeout):
    with headless_page(chromium, timeout, log) as page:
        # the page must stand alone: anything not on 127.0.0.1 (MathJax, require.js from a CDN) is refused, not waited for
        page.route('**/*', lambda r: r.continue_() if r.request.url.startswith('http://127.0.0.1:') else r.abort())
        log(f'opening {url}'); page.goto(url, wait_until='load')
        cells = page.locator(CELL)
        assert cells.count() == 1, f'{cells.count()} cells print {MARKER!r} on {PAGE} (expected 1): is the notebook saved with its outputs?'
        log(f'found the cell {cells.first.get_attribute("id")!r}; its output: {cells.first.locator("pre").last.inner_text().strip()!r}')
        img = page.locator(IMG)
        assert img.count() == 1, f'{img.count()} images in the output of that cell (expected 1)'
        img.scroll_into_view_if_needed()
        page.wait_for_function('img => img.complete', arg=img.element_handle(), timeout=30_000)
        w, h, src = img.evaluate('img => [img.naturalWidth, img.naturalHeight, img.currentSrc.slice(0, 30)]')
        box = img.bounding_box()
        log(f'the weight-evolution figure: complete, natural size {w}x{h}, shown at {box["width"]:.0f}x{box["height"]:.0f} px, src {src}...')
        assert img.evaluate('img => img.complete && img.naturalWidth > 0'), 'the figure did not load (img.complete && img.naturalWidth > 0 is false)'
        assert box['width'] > 100 and box['height'] > 100, f'the figure is shown at {box["width"]:.0f}x{box["height"]:.0f} px'
        shot = img.screenshot()
        log(f'screenshot of the figure: {len(shot)} bytes')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--site', help='a site built before by .ci/docs.py (default: build one in a temporary folder)')
    ap.add_argument('--chromium', default=os.environ.get('CHROMIUM', shutil.which('chromium') or '/usr/bin/chromium'))
    ap.add_argument('--timeout', type=float, default=300, help='seconds for the whole test (default 300)')
    ap.add_argument('--keep', action='store_true', help='keep the temporary folder (the site, the server log)')
    a = ap.parse_args(argv)
    t0 = time.monotonic()
    try: import playwright.sync_api # noqa: F401
    except ImportError as e: print(f'SKIP (exit 2): {e}; pip install playwright', file=sys.stderr); return 2
    if not Path(a.chromium).exists(): print(f'SKIP (exit 2): no Chromium at {a.chromium}; apt-get install -y chromium', file=sys.stderr); return 2
    tmp = Path(tempfile.mkdtemp(prefix='docs-test-'))
    proc, status = None, 1
    def on_alarm(*_): raise Timeout(f'the whole test ran past {a.timeout:.0f}s')
    signal.signal(signal.SIGALRM, on_alarm); signal.alarm(int(a.timeout))
    try:
        site = Path(a.site) if a.site else tmp / 'site'
        if not a.site:
            log(f'building the site into {site}')
            subprocess.run([sys.executable, str(ROOT / '.ci' / 'docs.py'), '--out', str(site)], check=True, stdout=subprocess.DEVNULL)
        if not (site / PAGE).is_file(): raise FileNotFoundError(f'no {PAGE} in {site}')
        port = free_port()
        log(f'serving {site} on 127.0.0.1:{port}')
        proc = serve(site, port, tmp / 'server.log')
        def up():
            if proc.poll() is not None: raise RuntimeError(f'http.server exited with code {proc.returncode}')
            return server_up(port)
        wait_for(up, 30, 'http.server to answer')
        run_browser(a.chromium, f'http://127.0.0.1:{port}/{PAGE}', max(30, a.timeout - (time.monotonic() - t0) - 10))
        status = 0
    except Exception as e: # assertion, timeout, build, server or browser error
        log(f'FAILED: {type(e).__name__}: {e}')
    finally:
        signal.alarm(0)
        stop(proc)
        if not a.keep: shutil.rmtree(tmp, ignore_errors=True)
    log(f"{'PASSED' if status == 0 else 'FAILED'} in {time.monotonic() - t0:.1f}s")
    return status


if __name__ == '__main__': sys.exit(main())
