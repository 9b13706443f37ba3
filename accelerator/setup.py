"""Build the accelerator: its start-up files at the top of site-packages, its Node.js half packed.

Everything else about the build is in pyproject.toml. Setuptools copies only packages
and their data, so build_py is extended to

- copy ``cognito_access_accelerator.pth`` and ``cognito_access_accelerator.start`` (PEP
  829) to the root of the wheel, that is, the top of site-packages;
- pack ``preload.cjs`` as a jsii assembly, ``preload.jsii.tgz``, next to the package's
  modules: the tarball ``jsii.load`` hands the kernel (see _activation.py). It is built
  the same way every time (sorted members, no timestamps), so the same source gives the
  same bytes.
"""

import base64
import gzip
import hashlib
import io
import json
import re
import tarfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "src" / "cognito_access_accelerator"
STARTUP_FILES = ("cognito_access_accelerator.pth", "cognito_access_accelerator.start")
ASSEMBLY = "cognito-access-accelerator"  # _activation.PRELOAD_ASSEMBLY
TARBALL = "preload.jsii.tgz"  # cognito_access_accelerator.PRELOAD_TARBALL


def version() -> str:
    """``__version__`` of the package, read without importing it."""
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
    if found is None:
        msg = "no __version__ in cognito_access_accelerator/__init__.py"
        raise RuntimeError(msg)
    return found.group(1)


def preload_tarball(preload: bytes, release: str) -> bytes:
    """``preload`` as an npm-style tarball holding a jsii assembly that requires it."""
    description = "The Node.js half of cognito-access-accelerator, loaded into the jsii kernel."
    homepage = "https://pypi.org/project/cognito-access-accelerator/"
    package = {
        "name": ASSEMBLY,
        "version": release,
        "description": description,
        "license": "Apache-2.0",
        "main": "preload.cjs",
    }
    assembly = {
        "schema": "jsii/0.10.0",
        "name": ASSEMBLY,
        "version": release,
        "description": description,
        "license": "Apache-2.0",
        "homepage": homepage,
        "repository": {"type": "git", "url": homepage},
        "author": {"name": "cognito-access", "roles": ["author"]},
        "fingerprint": base64.b64encode(hashlib.sha256(preload).digest()).decode(),
        # Not compiled by jsii: the jsii runtime floor; no types to weave either way.
        "jsiiVersion": "1.137.0 (packed by setup.py)",
        "types": {},
    }
    members = {
        "package/.jsii": json.dumps(assembly, indent=2, sort_keys=True).encode(),
        "package/package.json": json.dumps(package, indent=2, sort_keys=True).encode(),
        "package/preload.cjs": preload,
    }
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in sorted(members.items()):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(archive.getvalue(), mtime=0)


class BuildPyWithStartupFiles(build_py):
    """build_py that also writes the start-up files and the preload tarball."""

    def run(self) -> None:
        """Build as usual, then add the extra files."""
        super().run()
        for name in STARTUP_FILES:
            self.copy_file(str(HERE / name), str(Path(self.build_lib) / name), preserve_mode=False)
        tarball = Path(self.build_lib) / "cognito_access_accelerator" / TARBALL
        tarball.parent.mkdir(parents=True, exist_ok=True)
        tarball.write_bytes(preload_tarball((PACKAGE / "preload.cjs").read_bytes(), version()))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:  # noqa: FBT001, FBT002 - setuptools' signature
        """The usual outputs and the extra files."""
        extra = [
            *(str(Path(self.build_lib) / name) for name in STARTUP_FILES),
            str(Path(self.build_lib) / "cognito_access_accelerator" / TARBALL),
        ]
        return [*super().get_outputs(include_bytecode), *extra]


setup(cmdclass={"build_py": BuildPyWithStartupFiles})
