"setup.py for diffusion_lowdim: metadata and requirements are read from settings.ini (nbdev 2.x)."
from configparser import ConfigParser
import setuptools, shlex

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

cfg_keys = 'version description keywords author author_email'.split()
expected = cfg_keys + "lib_name user branch license status min_python audience language".split()
for o in expected: assert o in cfg, "missing expected setting: {}".format(o)
setup_cfg = {o:cfg[o] for o in cfg_keys}

licenses = {'apache2': ('Apache Software License 2.0','OSI Approved :: Apache Software License')}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']
py_versions = '3.10 3.11 3.12 3.13'.split()

requirements = shlex.split(cfg.get('requirements', ''))
dev_requirements = shlex.split(cfg.get('dev_requirements', ''))
lic = licenses[cfg['license'].lower()]
min_python = cfg['min_python']
lic_class = [f'License :: {lic[1]}']

setuptools.setup(
    name = cfg['lib_name'],
    license = lic[0],
    classifiers = ['Development Status :: ' + statuses[int(cfg['status'])],
                   'Intended Audience :: ' + cfg['audience'].title(),
                   'Natural Language :: ' + cfg['language'].title()] + lic_class +
                  ['Programming Language :: Python :: '+o for o in py_versions[py_versions.index(min_python):]],
    url = cfg.get('git_url') or None,
    packages = setuptools.find_packages(include=['diffusion_lowdim', 'diffusion_lowdim.*']),
    include_package_data = True,
    package_data = {'diffusion_lowdim': ['*.json']},
    install_requires = requirements,
    extras_require = {'dev': dev_requirements},
    dependency_links = cfg.get('dep_links','').split(),
    python_requires = '>=' + cfg['min_python'],
    long_description = open('README.md', encoding='utf-8').read(),
    long_description_content_type = 'text/markdown',
    zip_safe = False,
    # No 'nbdev' entry point: the repository has no public URL, so show_doc shows no [source] links.
    entry_points = {'console_scripts': cfg.get('console_scripts','').split()},
    **setup_cfg)
