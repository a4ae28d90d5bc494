"""Packaging for fetcher.

An old example in this docstring must not count:
    setup(install_requires=['flask'])
"""
import os

from setuptools import find_packages, setup

BLACK_VERSION = "24.10.0"

REQUIRES = [
    "requests>=2.31",  # HTTP
    'click',
    "numpy" ">=1.26",
    os.environ.get("EXTRA_DEP", "six"),
]


def read_extra():
    return ["django"]


# setup(install_requires=["flask"]) in a comment does not count either
setup(
    name="fetcher",
    version="2.0.0",
    packages=find_packages("src"),
    package_dir={"": "src"},
    python_requires=">=3.9",
    install_requires=REQUIRES + read_extra(),
    extras_require={
        "dev": ["pytest>=8", f"black=={BLACK_VERSION}", r"pylint"],
        "pandas": [
            """pandas>=2.1""",
        ],
    },
)
