"""Test fixtures: stores with a known effect, for the tests and demos of the report, viewers and variants.

Kept outside the package on purpose; notebooks (run from `nbs/`) import them as
`from tests.fixtures import synthetic_store`."""
from pathlib import Path
import numpy as np
from diffusion_lowdim.config import Config
from diffusion_lowdim.data import get_dataset
from diffusion_lowdim.stats import kl_divergence, fresh_sample
from diffusion_lowdim.store import run_folder, write_config, write_unit

def synthetic_store(out, # the store folder (OUT)
                    runs:dict=None, # run name -> blur (sd of the noise on its samples); default .05 and .3
                    suite:str='demo', # the suite's name
                    datasets=('circle', 'moons'), # dataset names
                    seeds=(0, 1, 2), # seeds per (run, dataset)
                    n:int=1_000, # samples per unit (the data: 5n points)
                    steps:int=300, # length of the loss curves
                    arrays:dict=None, # run name -> extra arrays of its units (e.g. `weight_evolution`)
                    metrics:dict=None, # run name -> extra metrics of its units (e.g. `grid_variance`)
                    models:dict=None): # run name -> its config's `model` (default 'mlp')
    "Write a store in the runner's layout whose runs differ by a known blur of their samples; returns `out`"
    runs = runs or dict(run_0=0.05, run_1=0.3)
    for i, (run, blur) in enumerate(runs.items()):
        model = (models or {}).get(run, 'mlp')
        cfg = Config(model=model, steps=steps, n_data=5 * n, n_samples=n, title=f'{run} (blur {blur})')
        rd = run_folder(out, suite, run)
        write_config(rd, cfg.to_dict())
        for j, ds in enumerate(datasets):
            real = get_dataset(ds, n=cfg.n_data, seed=cfg.data_seed)
            for s in seeds:
                rng = np.random.default_rng([i, j, s])
                x = fresh_sample(ds, n, 100 * i + s) + rng.normal(0, blur, (n, 2)).astype(np.float32)
                decay = 0.5 * np.exp(-np.arange(steps) / (steps / 5))
                loss = 0.5 + blur + decay + rng.normal(0, 0.05, steps)
                m = dict(training_time=10 * (1 + blur) + rng.normal(0, .1),
                         eval_loss=0.5 + blur + rng.normal(0, 0.01),
                         inference_time=1 + blur + rng.normal(0, .01),
                         kl_divergence=kl_divergence(real, x),
                         **(metrics or {}).get(run, {}))
                a = dict(samples=x, train_losses=loss.astype(np.float32), timesteps=np.arange(99, -1, -1),
                         **(arrays or {}).get(run, {}))
                write_unit(rd, ds, s, m, a)
    return Path(out)
