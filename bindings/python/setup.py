"""Install the libnalox Python binding: `pip install ./bindings/python`.

Pure Python (ctypes), standard library only: nothing is compiled, and the
library itself (libnalox.so.1) is found at import time through
$NALOX_LIBRARY or the system loader.

There is deliberately no pyproject.toml: with one, pip builds in an
isolated environment and fetches setuptools from an index, which fails
offline. Without it, pip uses the setuptools (and wheel) already
installed, e.g. Debian's python3-setuptools.
"""
import os
import re

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "nalox", "__init__.py"), encoding="utf-8") as f:
    # read, not import: importing loads the C library
    VERSION = re.search(r'^__version__ = "([^"]+)"', f.read(), re.M).group(1)
with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
    README = f.read()

setup(
    name="nalox",
    version=VERSION,
    description="Python binding (ctypes) for libnalox: naloxone kit stock and supply planning",
    long_description=README,
    long_description_content_type="text/markdown",
    packages=["nalox"],          # every module of nalox/ (no subpackages)
    python_requires=">=3.9",
    classifiers=[
        "Programming Language :: Python :: 3",
        "Operating System :: POSIX :: Linux",
        "Topic :: Scientific/Engineering :: Medical Science Apps.",
    ],
)
