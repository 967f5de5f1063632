"""Browser test of the viewers (nbs/06a_viewers.ipynb, 03_dual_scale.ipynb): start JupyterLab on 127.0.0.1 with a token,
open a demo notebook in headless Chromium (Debian's `chromium`, driven by Playwright; nothing downloads a browser),
run it, move the viewer's first slider, and check that the rendered figure changed. The demos: `_viewer_demo.ipynb`
(the run explorer; its seed slider) and `_weight_viewer_demo.ipynb` (the weight viewer over a stored run; its timestep).

Usage:  python3 nbs/tests/browser_viewer_test.py [--notebook _viewer_demo.ipynb] [--key ArrowRight] [--chromium /usr/bin/chromium] [--timeout 300] [--keep]
Needs:  apt-get install -y chromium ; pip install playwright   (never `playwright install`)
Exit:   0 passed, 1 failed, 2 prerequisites missing (chromium, playwright or jupyterlab)."""
import argparse, os, secrets, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run']
IMG = '.widget-vbox .jp-OutputArea-output img' # the explorer's figure, inside its Output widget
HANDLE = '.widget-vbox .widget-slider .noUi-handle' # the first slider of the explorer: the seed


def log(msg): print(f'[browser-test {time.strftime("%H:%M:%S")}] {msg}', flush=True)


class Timeout(Exception): pass


def free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


def wait_for(pred, timeout, what, every=0.25):
    "Poll `pred()` until it returns something truthy; raise `Timeout` naming `what`"
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v: return v
        time.sleep(every)
    raise Timeout(f'timed out after {timeout:.0f}s waiting for {what}')


def start_lab(root, port, token, log_path):
    "JupyterLab on 127.0.0.1:`port` in its own process group, serving `root`, with a private config dir"
    env = {k: v for k, v in os.environ.items() if k != 'MPLBACKEND'} # the kernel must use the inline backend
    env.update(JUPYTER_CONFIG_DIR=str(root / '.jupyter-config'), JUPYTER_RUNTIME_DIR=str(root / '.jupyter-runtime'))
    cmd = [sys.executable, '-m', 'jupyterlab', '--no-browser', '--ServerApp.ip=127.0.0.1', f'--ServerApp.port={port}',
           '--ServerApp.port_retries=0', f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={root}',
           '--LabApp.expose_app_in_browser=True', '--ServerApp.open_browser=False', '--ServerApp.allow_root=True',
           '--LabApp.news_url=', '--LabApp.extension_manager=readonly',
           '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate']
    return subprocess.Popen(cmd, cwd=root, env=env, stdout=open(log_path, 'wb'), stderr=subprocess.STDOUT, start_new_session=True)


def server_up(port, token):
    try:
        with urllib.request.urlopen(f'http://127.0.0.1:{port}/api/status?token={token}', timeout=2) as r: return r.status == 200
    except OSError: return False


def stop_lab(proc, port, token):
    "Ask the server to shut down (it stops its kernels), then terminate and kill its process group if needed"
    if proc is None or proc.poll() is not None: return
    try: urllib.request.urlopen(urllib.request.Request(f'http://127.0.0.1:{port}/api/shutdown?token={token}', method='POST'), timeout=5)
    except OSError: pass
    for sig, wait in ((None, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        if sig is not None:
            try: os.killpg(proc.pid, sig)
            except ProcessLookupError: return
        try: proc.wait(wait); break
        except subprocess.TimeoutExpired: continue


def figure(page):
    "The explorer's current figure: (the image's data URL, a screenshot of it)"
    img = page.locator(IMG).first
    return img.get_attribute('src'), img.screenshot()


@contextmanager
def headless_page(chromium, timeout, log):
    "A 1400x1000 page of headless Chromium driven by Playwright: default timeout `timeout` s, page errors logged; the browser closed on exit"
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS, timeout=60_000)
        try:
            page = browser.new_page(viewport=dict(width=1400, height=1000))
            page.set_default_timeout(timeout * 1000)
            page.on('pageerror', lambda e: log(f'page error: {e}'))
            yield page
        finally: browser.close()


def run_browser(chromium, url, timeout, key='ArrowRight'):
    with headless_page(chromium, timeout, log) as page:
        log('opening the notebook'); page.goto(url, wait_until='domcontentloaded')
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.sessionContext"
                               " && window.jupyterapp.shell.currentWidget.sessionContext.session && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                               " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'")
        log('kernel idle; running all cells')
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_selector(IMG, state='visible')
        page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'")
        time.sleep(0.5)
        src0, shot0 = figure(page)
        readout0 = page.locator('.widget-vbox .widget-readout').first.inner_text()
        log(f'first figure rendered ({len(shot0)} bytes); moving the first slider ({key})')
        handle = page.locator(HANDLE).first
        handle.scroll_into_view_if_needed(); handle.focus(); page.keyboard.press(key)
        try: src1 = wait_for(lambda: (s := page.locator(IMG).first.get_attribute('src')) != src0 and s, 30, 'the figure to change after a key press')
        except Timeout: # some slider builds ignore keys: drag the handle instead
            log('the key press did not move the slider; dragging it')
            box = handle.bounding_box(); track = page.locator('.widget-vbox .widget-slider .noUi-target').first.bounding_box()
            page.mouse.move(box['x'] + box['width'] / 2, box['y'] + box['height'] / 2); page.mouse.down()
            page.mouse.move(track['x'] + track['width'] * 0.55, box['y'] + box['height'] / 2, steps=8); page.mouse.up()
            src1 = wait_for(lambda: (s := page.locator(IMG).first.get_attribute('src')) != src0 and s, timeout, 'the figure to change after a drag')
        page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'")
        time.sleep(0.5)
        src1, shot1 = figure(page)
        readout = page.locator('.widget-vbox .widget-readout').first.inner_text()
        log(f'second figure rendered ({len(shot1)} bytes); slider readout now {readout!r}')
        assert src1 != src0, 'the figure did not change'
        assert shot1 != shot0, 'the screenshots of the figure are identical'
        assert readout.strip() != readout0.strip(), f'the slider still reads {readout!r}'


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--chromium', default=os.environ.get('CHROMIUM', shutil.which('chromium') or '/usr/bin/chromium'))
    ap.add_argument('--timeout', type=float, default=300, help='seconds for the whole test (default 300)')
    ap.add_argument('--keep', action='store_true', help='keep the temporary folder (server log, notebook)')
    ap.add_argument('--notebook', default='_viewer_demo.ipynb', help='the demo notebook beside this file (default: the run explorer\'s)')
    ap.add_argument('--key', default='ArrowRight', help='the key that moves the first slider (ArrowLeft for a slider that starts at its maximum)')
    a = ap.parse_args(argv)
    t0, NOTEBOOK = time.monotonic(), HERE / a.notebook
    try: import playwright.sync_api, jupyterlab # noqa: F401
    except ImportError as e: print(f'SKIP (exit 2): {e}; pip install playwright jupyterlab', file=sys.stderr); return 2
    if not Path(a.chromium).exists(): print(f'SKIP (exit 2): no Chromium at {a.chromium}; apt-get install -y chromium', file=sys.stderr); return 2
    root = Path(tempfile.mkdtemp(prefix='viewer-test-'))
    shutil.copy(NOTEBOOK, root / NOTEBOOK.name) # JupyterLab may save outputs into it: never into the repository's copy
    shutil.copy(HERE / 'fixtures.py', root / 'fixtures.py') # the demos import their synthetic store from it
    port, token, proc, status = free_port(), secrets.token_hex(16), None, 1
    def on_alarm(*_): raise Timeout(f'the whole test ran past {a.timeout:.0f}s')
    signal.signal(signal.SIGALRM, on_alarm); signal.alarm(int(a.timeout))
    try:
        log(f'starting JupyterLab on 127.0.0.1:{port} in {root}')
        proc = start_lab(root, port, token, root / 'server.log')
        def up():
            if proc.poll() is not None: raise RuntimeError(f'JupyterLab exited with code {proc.returncode}')
            return server_up(port, token)
        wait_for(up, 90, 'JupyterLab to answer')
        run_browser(a.chromium, f'http://127.0.0.1:{port}/lab/tree/{NOTEBOOK.name}?token={token}&reset', max(30, a.timeout - (time.monotonic() - t0) - 20), a.key)
        status = 0
    except Exception as e: # assertion, timeout, server or browser error
        log(f'FAILED: {type(e).__name__}: {e}')
        log_file = root / 'server.log'
        if log_file.exists(): print('--- server log (tail) ---\n' + log_file.read_text(errors='replace')[-3000:], file=sys.stderr)
    finally:
        signal.alarm(0)
        stop_lab(proc, port, token)
        if not a.keep: shutil.rmtree(root, ignore_errors=True)
    log(f"{'PASSED' if status == 0 else 'FAILED'} in {time.monotonic() - t0:.1f}s")
    return status


if __name__ == '__main__': sys.exit(main())
