"""A toy idea, the worked example of adding one (see `06b_cli`, "Adding an idea"): the baseline MLP with its ε-MSE weighted by the timestep.

It lives outside the package on purpose. A suite names it as `toy_variant:ToyDenoiser`; importing the module registers its `Variant`
(its figure for the report, its panel for the run explorer, its claim), and nothing in the runner, the report or the CLI is edited."""
from pathlib import Path
import numpy as np
from diffusion_lowdim.mlp import MLPDenoiser
from diffusion_lowdim.registry import Variant, Claim, register_variant

class ToyDenoiser(MLPDenoiser):
    "The baseline MLP whose ε-MSE is weighted by (1 + t / T) (a loss weighting)"
    def loss(self, sched, x0, noise, t):
        w = 1 + t.float() / sched.num_timesteps
        return (w[:, None] * (self(sched.add_noise(x0, noise, t), t) - noise) ** 2).mean()

def loss_weights(T:int): return 1 + np.arange(T) / T

def toy_figures(store, suite, runs, dest) -> list:
    "The report's figure of the toy runs: the loss weight against the timestep, per run"
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(4, 3))
    for run in runs:
        T = int((store.configs.get((suite, run)) or {}).get('num_timesteps', 100))
        ax.plot(np.arange(T), loss_weights(T), label=f"{run}: {store.title(suite, run)}")
    ax.set(xlabel='timestep t', ylabel='loss weight', title='toy: loss weight'); ax.legend(fontsize=7)
    path = Path(dest)/'toy_weights.png'; path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80); plt.close(fig)
    return [path]

def toy_panel(arrays, ax, data, config) -> bool:
    "The run explorer's panel of a toy unit: its loss weight"
    T = int(config.get('num_timesteps', 100)); ax.plot(np.arange(T), loss_weights(T)); ax.set(title='loss weight', xlabel='t')
    return True

register_variant(Variant('toy', ToyDenoiser, figures=toy_figures, panel=toy_panel, description='the worked example: a timestep-weighted loss',
                         claims=(Claim('The toy weighting changes KL', 'toy_suite', 'toy', 'base', 'kl_divergence', 'lower', datasets=('moons',), source='nbs/tests/toy_variant.py'),)))
