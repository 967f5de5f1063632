"""Execute notebooks as a reader would (Run All in JupyterLab: no IN_TEST, the reference store read, the
dino file found through $DIFFUSION_LOWDIM_DATA), and write them back with their outputs, cleaned by nbdev.

Usage:  python .ci/execute.py nbs/02_mlp.ipynb [more notebooks ...] [--timeout 900]

Each notebook runs in a fresh kernel from nbs/ (as JupyterLab would), with MPLBACKEND=module://matplotlib_inline
so figures are embedded. Terminal escape codes are removed from text outputs (progress bars write them).
A notebook that raises is not written; the script names it and exits 1. The wall time of each is printed."""
import argparse, os, re, subprocess, sys, time
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]|\r(?!\n)')


def strip_escapes(nb) -> int:
    "Remove terminal escape codes and bare carriage returns from every text output, and streams left empty; returns how many outputs changed"
    changed = 0
    for cell in nb.cells:
        for out in cell.get('outputs', []):
            if out.get('output_type') == 'stream':
                text = ANSI.sub('', out['text'])
                changed += text != out['text']
                out['text'] = text
        if 'outputs' in cell: # a widget's clear_output leaves streams that are only escape codes: drop them
            cell['outputs'] = [o for o in cell['outputs'] if o.get('output_type') != 'stream' or o['text'].strip()]
    return changed


def execute(path:Path, timeout:int) -> float:
    "Run one notebook in place; returns its wall time in seconds"
    nb = nbformat.read(path, as_version=4)
    env_backup = dict(os.environ)
    os.environ.pop('IN_TEST', None)
    os.environ['MPLBACKEND'] = 'module://matplotlib_inline.backend_inline'
    start = time.perf_counter()
    try:
        ExecutePreprocessor(timeout=timeout, kernel_name='python3').preprocess(nb, {'metadata': {'path': str(path.parent)}})
    finally:
        os.environ.clear()
        os.environ.update(env_backup)
    seconds = time.perf_counter() - start
    strip_escapes(nb)
    nbformat.write(nb, path)
    return seconds


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('notebooks', nargs='+', type=Path)
    p.add_argument('--timeout', type=int, default=900, help='seconds per cell')
    args = p.parse_args(argv)
    failed = []
    for nb in args.notebooks:
        try:
            print(f"{nb}: {execute(nb.resolve(), args.timeout):.0f} s", flush=True)
        except Exception as e:
            print(f"{nb}: FAILED: {type(e).__name__}: {str(e)[-2000:]}", flush=True)
            failed.append(nb)
    subprocess.run(['nbdev_clean'], cwd=ROOT, check=False)
    if failed: print('failed:', *failed)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
