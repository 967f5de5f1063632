"`python -m diffusion_lowdim ...` runs the `diffusion-lowdim` command (see nbs/05_experiments.ipynb). Not exported: written by hand."
from diffusion_lowdim.cli import main
raise SystemExit(main())
