"""How `load_store`, the explorer, `report` and `compact` scale with the number of units: synthetic stores
(`fixtures.synthetic_store`: 10 runs × 4 datasets × as many seeds as the size needs) of each size, each step
timed in a fresh process with its peak memory. Prints a table and, with --json, records it for `05c_bench`.

    python nbs/tests/scale_bench.py --units 1000 10000 --json nbs/images/05c_scale.json
"""
import argparse, json, os, platform, shutil, subprocess, sys, tempfile, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = {  # what each fresh process does with the store at STORE (writing under OUT)
    'load_store': "from diffusion_lowdim.store import load_store; load_store(STORE)",
    'explorer': "from diffusion_lowdim.store import load_store; from diffusion_lowdim.viewers import run_explorer; "
                "run_explorer(load_store(STORE))",
    'report --no-quality': "from diffusion_lowdim.report import report; "
                           "report(STORE, OUT + '/report', reverse_steps=0, quality=False)",
    'compact': "from diffusion_lowdim.reference import compact_store; compact_store(STORE, OUT + '/compact')",
}
DATASETS = ('circle', 'line', 'moons', '8gaussians')
RUNS = 10


def make_store(root: Path, units: int) -> float:
    "A synthetic store of `units` units at `root`; returns the seconds it took"
    seeds = units // (RUNS * len(DATASETS))
    code = (f"import sys; sys.path.insert(0, {str(HERE.parent)!r}); from tests.fixtures import synthetic_store; "
            f"synthetic_store({str(root)!r}, runs={{f'run_{{i}}': 0.03 * (i + 1) for i in range({RUNS})}}, "
            f"suite='scale', datasets={DATASETS!r}, seeds=range({seeds}), n=500, steps=300)")
    t = time.perf_counter()
    subprocess.run([sys.executable, '-c', code], check=True)
    return time.perf_counter() - t


def measure(code: str, store: Path, out: Path) -> dict:
    "Seconds and peak memory (MB) of `code` in a fresh Python process"
    wrapped = (f"import resource, time; STORE, OUT = {str(store)!r}, {str(out)!r}; t = time.perf_counter(); "
               f"{code}; print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    env = {**os.environ, 'MPLBACKEND': 'Agg'}
    res = subprocess.run([sys.executable, '-c', wrapped], capture_output=True, text=True, env=env, check=True)
    seconds, kb = res.stdout.split()[-2:]
    return dict(seconds=round(float(seconds), 2), peak_mb=round(int(kb) / 1024))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--units', type=int, nargs='+', default=[1_000, 10_000], help='store sizes (units)')
    p.add_argument('--json', help='record the figures here')
    a = p.parse_args(argv)
    out = dict(machine=f"{platform.machine()}, {os.cpu_count()} cores", python=platform.python_version(),
               date=time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()), sizes={})
    for n in a.units:
        tmp = Path(tempfile.mkdtemp())
        try:
            made = make_store(tmp / 'store', n)
            rows = {step: measure(code, tmp / 'store', tmp) for step, code in STEPS.items()}
            out['sizes'][str(n)] = dict(made_seconds=round(made, 1), steps=rows)
            for step, r in rows.items():
                print(f"{n:>6} units  {step:<22} {r['seconds']:>7.1f} s  {r['peak_mb']:>5} MB", flush=True)
        finally:
            shutil.rmtree(tmp)
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=1) + '\n')


if __name__ == '__main__':
    main()
