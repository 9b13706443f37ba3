"""The suite has one AWS emulator and one fake Cloudflare API, in shared helper modules.

A test module that starts a moto server of its own, runs moto in-process, or serves HTTP
itself would be a second emulator or a second fake, drifting from the shared ones. Only
the shared modules may mention the names that do so: ``tests/emulator.py`` (moto in server
mode, the hosted UI moto lacks) and ``tests/fake_cloudflare.py`` (Cloudflare's API).
Tests get them through ``tests/conftest.py``'s ``moto_endpoint`` and
``tests.fake_cloudflare.FakeCloudflare``.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SHARED = frozenset({TESTS / "emulator.py", TESTS / "fake_cloudflare.py"})
# What starts a server: moto's (server mode, in-process decorator, its WSGI app), the
# standard library's and the usual third-party ones.
SERVER = re.compile(
    r"\b(ThreadedMotoServer|mock_aws|moto\.server|moto\.moto_server|"
    r"DomainDispatcherApplication|http\.server|\w*HTTPServer|BaseHTTPRequestHandler|"
    r"socketserver|wsgiref|make_server|run_simple|werkzeug\.serving|aiohttp\.web|uvicorn)\b"
)


def servers_started(root: Path, shared: frozenset[Path]) -> list[str]:
    """``<file>:<line>: <name>`` of each mention of a server under ``root`` outside ``shared``."""
    return [
        f"{path.relative_to(root)}:{number}: {match.group(1)}"
        for path in sorted(root.rglob("*.py"))
        if path not in shared and path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        for match in SERVER.finditer(line)
    ]


def test_only_the_shared_modules_start_an_emulator_or_an_http_server() -> None:
    assert servers_started(TESTS, SHARED) == []


def test_the_shared_modules_are_where_the_servers_start() -> None:
    for module in SHARED:
        assert servers_started(TESTS, SHARED - {module}), module


def test_a_test_module_starting_its_own_moto_server_is_found(tmp_path: Path) -> None:
    (tmp_path / "integration").mkdir()
    (tmp_path / "integration" / "test_x.py").write_text(
        "from moto.server import ThreadedMotoServer\n", "utf-8"
    )
    assert servers_started(tmp_path, frozenset()) == [
        "integration/test_x.py:1: moto.server",
        "integration/test_x.py:1: ThreadedMotoServer",
    ]


def test_a_test_module_serving_http_itself_is_found(tmp_path: Path) -> None:
    (tmp_path / "test_y.py").write_text(
        "import threading\nfrom http.server import ThreadingHTTPServer\n", "utf-8"
    )
    assert servers_started(tmp_path, frozenset()) == [
        "test_y.py:2: http.server",
        "test_y.py:2: ThreadingHTTPServer",
    ]


def test_moto_in_process_is_found(tmp_path: Path) -> None:
    (tmp_path / "test_z.py").write_text("from moto import mock_aws\n", "utf-8")
    assert servers_started(tmp_path, frozenset()) == ["test_z.py:1: mock_aws"]
