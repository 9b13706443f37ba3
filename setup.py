"""Ship the lazy-loading hook's .pth and .cjs files at the top of site-packages.

Everything else about the build is in pyproject.toml. Setuptools copies only
packages and modules, so build_py is extended to copy the start-up hook and its
Node.js half too (see constructs/cognito_access_lazy_providers.py).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

EXTRA_FILES = ("cognito_access_lazy_providers.pth", "cognito_access_lazy_providers.cjs")


class BuildPyWithStartupHook(build_py):
    """build_py that also puts the extra files at the root of the build."""

    def run(self) -> None:
        """Build as usual, then copy the extra files."""
        super().run()
        for name in EXTRA_FILES:
            self.copy_file(
                str(Path("constructs") / name),
                str(Path(self.build_lib) / name),
                preserve_mode=False,
            )

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:  # noqa: FBT001, FBT002 - setuptools' signature
        """The usual outputs and the extra files."""
        extra = [str(Path(self.build_lib) / name) for name in EXTRA_FILES]
        return [*super().get_outputs(include_bytecode), *extra]


setup(cmdclass={"build_py": BuildPyWithStartupHook})
