"""Starts a real, throwaway PostgreSQL server for the tests, from the installed server binaries.

The server is initialised in a temporary folder and listens on 127.0.0.1 only. PostgreSQL refuses
to run as root, so when the tests run as root the server runs as the ``postgres`` system user
(created by ``.ci/run``, or by Debian's package).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

BIN_DIRS = [Path("/usr/lib/postgresql/15/bin"), *sorted(Path("/usr/lib/postgresql").glob("*/bin"))]


def find_bin_dir() -> Path | None:
    env = os.environ.get("CHANNEL_DESK_PG_BIN")
    candidates = [Path(env)] if env else []
    candidates += BIN_DIRS
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    port: int
    run_as: str | None
    databases: list[str] = field(default_factory=list)
    template: str | None = None

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://app@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://app@127.0.0.1:{self.port}/{database}"

    def _command(self, *args: str) -> list[str]:
        return ["runuser", "-u", self.run_as, "--", *args] if self.run_as else list(args)

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="app", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(statement)  # type: ignore[arg-type]

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``, which is much faster to make)."""
        name = "t_" + uuid.uuid4().hex[:12]
        copy = f' TEMPLATE "{template}"' if template else ""
        self._sql(f'CREATE DATABASE "{name}"{copy}')
        self.databases.append(name)
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        subprocess.run(
            self._command(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast",
                          "-w", "stop"),
            check=False, capture_output=True, timeout=60,
        )  # fmt: skip


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def start_postgres(folder: Path) -> PostgresServer | None:
    """Initialise and start a server in ``folder``; ``None`` when no server binaries exist."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return None
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            return None
        run_as = "postgres"
        os.chown(folder, user.pw_uid, user.pw_gid)
    data = folder / "data"
    port = free_port()
    server = PostgresServer(bin_dir, data, port, run_as)
    cmd = server._command
    _run(cmd(str(bin_dir / "initdb"), "-D", str(data), "-U", "app", "--auth=trust", "-E", "UTF8",
             "--no-locale", "--no-sync"))  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
    options += " -c full_page_writes=off -c synchronous_commit=off"
    _run(cmd(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w",
             "-o", options, "start"))  # fmt: skip
    return server
