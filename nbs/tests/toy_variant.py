"""A toy idea, the worked example of adding one (see `06b_cli`, "Adding an idea"): the baseline MLP with its ε-MSE weighted by the timestep.

It lives outside the package on purpose. A suite names it as `toy_variant:ToyDenoiser`; importing the module registers its `Variant`
and its suite with the claim made about it. It brings no figures module, so the report shows it in its tables and tests its claim,
and nothing in the runner, the report or the CLI is edited."""
from diffusion_lowdim.mlp import MLPDenoiser
from diffusion_lowdim.registry import Variant, Claim, register_variant, register_suite

class ToyDenoiser(MLPDenoiser):
    "The baseline MLP whose ε-MSE is weighted by (1 + t / T) (a loss weighting)"
    def loss(self, sched, x0, noise, t):
        w = 1 + t.float() / sched.num_timesteps
        return (w[:, None] * (self(sched.add_noise(x0, noise, t), t) - noise) ** 2).mean()

register_variant(Variant('toy', ToyDenoiser, 'the worked example: a timestep-weighted loss'))

TOY_CLAIMS = (Claim('The toy weighting changes KL', 'toy_suite', 'toy', 'base', 'kl_divergence', 'lower',
                    datasets=('moons',), source='nbs/tests/toy_variant.py'),)
register_suite('toy_suite', {'base': dict(title='Baseline'), 'toy': dict(model='toy_variant:ToyDenoiser', title='Toy weighting')},
               datasets=('moons',),
               seeds=(0, 1),
               claims=TOY_CLAIMS,
               description='the worked example of adding an idea')
