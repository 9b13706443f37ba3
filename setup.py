"""Ship cognito_access_lazy_providers.pth at the top of site-packages.

Everything else about the build is in pyproject.toml. Setuptools copies only
packages and modules, so build_py is extended to copy the start-up hook too
(see constructs/cognito_access_lazy_providers.py for what it does).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PTH = "cognito_access_lazy_providers.pth"
SOURCE = str(Path("constructs") / PTH)


class BuildPyWithStartupHook(build_py):
    """build_py that also puts the .pth file at the root of the build."""

    def run(self) -> None:
        """Build as usual, then copy the .pth file."""
        super().run()
        self.copy_file(SOURCE, str(Path(self.build_lib) / PTH), preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:  # noqa: FBT001, FBT002 - setuptools' signature
        """The usual outputs and the .pth file."""
        return [*super().get_outputs(include_bytecode), str(Path(self.build_lib) / PTH)]


setup(cmdclass={"build_py": BuildPyWithStartupHook})
