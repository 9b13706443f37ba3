"""May the accelerator act in this process? Decided once, under a lock.

The decision is made when a provider package is first imported, never before: the checks
of what the accelerator relies on, then the Node.js half loaded into the jsii kernel.

- jsii's lazy-loading registry (``jsii._reference_map._submodule_fqn_map``, 1.133) and
  the functions that use it (``_try_import_type_module``, ``_obtain_interface``, 1.137),
  which import the submodule of a type the kernel hands back when it was never imported;
- ``jsii.load``, the public function every generated binding loads its assembly with;
- ``preload.jsii.tgz`` next to this file: ``preload.cjs`` packed as a jsii assembly of its
  own (by setup.py). ``jsii.load`` has the kernel's Node.js process require it, so it is
  in place before the provider package loads its own assembly. The process's and the
  kernel's environment are left as they are.

Until the decision is made, every other thread asking waits for it: none sees the
accelerator active before the checks are done. Any failure then, or later (a provider
package of another shape, see _loader), turns the accelerator off for the rest of the
process, with one :class:`~cognito_access_accelerator.AcceleratorWarning`.
"""

from __future__ import annotations

import importlib
import os
import threading
from typing import TYPE_CHECKING

from cognito_access_accelerator import OPT_OUT_ENV, PRELOAD_TARBALL, __version__, warn_once

if TYPE_CHECKING:
    from collections.abc import Callable

JSII_REFERENCE_MAP_MODULE = "jsii._reference_map"
JSII_REFERENCE_MAP_FUNCTIONS = ("_try_import_type_module", "_obtain_interface")
# The Node.js half, packed as a jsii assembly; a module attribute so that a benchmark can
# point it elsewhere before the first provider import.
PRELOAD = os.path.join(os.path.dirname(os.path.abspath(__file__)), PRELOAD_TARBALL)  # noqa: PTH100, PTH118, PTH120 - a str for jsii
PRELOAD_ASSEMBLY = "cognito-access-accelerator"


class Mismatch(Exception):  # noqa: N818 - an internal signal, never raised to users
    """Something the accelerator relies on is missing or has another shape."""


def check_jsii_and_load_preload() -> None:
    """Check jsii's lazy-loading support, then load the Node.js half into the kernel."""
    reference_map = importlib.import_module(JSII_REFERENCE_MAP_MODULE)
    if not isinstance(getattr(reference_map, "_submodule_fqn_map", None), dict):
        msg = f"{JSII_REFERENCE_MAP_MODULE}._submodule_fqn_map is missing or not a dict"
        raise Mismatch(msg)
    for name in JSII_REFERENCE_MAP_FUNCTIONS:
        if not callable(getattr(reference_map, name, None)):
            msg = f"{JSII_REFERENCE_MAP_MODULE}.{name} is missing"
            raise Mismatch(msg)
    load = getattr(importlib.import_module("jsii"), "load", None)
    if not callable(load):
        msg = "jsii.load is missing"
        raise Mismatch(msg)
    if not os.path.isfile(PRELOAD):  # noqa: PTH113 - PRELOAD is a str
        msg = f"the Node.js half of the accelerator, {PRELOAD}, is missing"
        raise Mismatch(msg)
    try:
        load(PRELOAD_ASSEMBLY, __version__, PRELOAD)
    except Exception as error:
        msg = f"the jsii kernel did not load the Node.js half of the accelerator: {error}"
        raise Mismatch(msg) from error


class Activation:
    """This process's decision, made once by ``checks``: may the accelerator act?"""

    def __init__(self, checks: Callable[[], None]) -> None:
        """Decide by running ``checks`` (raising :class:`Mismatch` or anything) when first asked."""
        self._checks = checks
        self._lock = threading.RLock()
        self._decided = False
        self._deciding = False
        self._failure: str | None = None

    @property
    def failure(self) -> str | None:
        """Why the accelerator is off, or None."""
        with self._lock:
            return self._failure

    def is_active(self) -> bool:
        """Run the checks once (other threads wait for them); whether they all passed."""
        with self._lock:
            if not self._decided:
                if self._deciding:  # asked again by the checks themselves, in this thread
                    return False
                self._deciding = True
                try:
                    self._checks()
                except Mismatch as mismatch:
                    self.fall_back(str(mismatch))
                except Exception as error:  # noqa: BLE001 - never an exception in the user's import
                    self.fall_back(f"checking what the accelerator relies on failed: {error!r}")
                finally:
                    self._deciding = False
                    self._decided = True
            return self._failure is None

    def fall_back(self, reason: str) -> None:
        """Turn the accelerator off for the rest of the process, and warn once."""
        with self._lock:
            self._decided = True
            if self._failure is not None:
                return
            self._failure = reason
        warn_once(
            "fallback",
            f"cognito_access_accelerator: {reason}; the cdktf provider packages load the "
            "ordinary way instead (the same output, only slower). To silence this, set "
            f"{OPT_OUT_ENV}=1 or add a warnings filter for the AcceleratorWarning category.",
        )


ACTIVATION = Activation(check_jsii_and_load_preload)
