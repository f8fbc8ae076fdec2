"""A private, throw-away PostgreSQL server on 127.0.0.1 for the tests and for trying the
`postgres` target: Debian's server binaries, a cluster initialised in a folder of its own,
stopped (and the folder removed) at the end. Never touches a system cluster.

    python -m leadscore.postgres_server start --dir /tmp/pg --port 55432   # prints the env vars
    python -m leadscore.postgres_server stop --dir /tmp/pg

When run as root the server runs as the `postgres` user (PostgreSQL refuses root).
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "leadscore_admin"
DATABASE = "leadscore"


def server_binaries() -> Path:
    """The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not candidates:
        raise FileNotFoundError("no PostgreSQL server installed (Debian: apt-get install -y postgresql)")
    return candidates[-1].parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    folder: Path
    port: int

    @property
    def env(self) -> dict[str, str]:
        """The variables the `postgres` target of profiles/profiles.yml reads."""
        return self.env_for(DATABASE)

    def env_for(self, database: str) -> dict[str, str]:
        return {
            "LEADSCORE_PG_HOST": "127.0.0.1",
            "LEADSCORE_PG_PORT": str(self.port),
            "LEADSCORE_PG_USER": SUPERUSER,
            "LEADSCORE_PG_PASSWORD": "",
            "LEADSCORE_PG_DATABASE": database,
        }

    def create_database(self, name: str) -> dict[str, str]:
        """A new, empty database on the server (one per test keeps tests apart); its env."""
        completed = _psql(self.port, "postgres", f'create database "{name}"')
        if completed.returncode != 0:
            raise RuntimeError(f"create database {name} failed: {completed.stderr}")
        return self.env_for(name)


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _run(command: list[str]) -> None:
    completed = subprocess.run(_as_server_user(command), capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:2])} failed: {completed.stdout[-2000:]}{completed.stderr[-2000:]}")


def _psql(port: int, database: str, statement: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(server_binaries() / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            SUPERUSER,
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            statement,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def start(folder: Path, port: int | None = None) -> Server:
    """initdb into folder/data (trust auth, loopback only) and start the server."""
    binaries = server_binaries()
    port = port or free_port()
    folder.mkdir(parents=True, exist_ok=True)
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (folder, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    _run(
        [
            str(binaries / "initdb"),
            "--pgdata",
            str(data),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
        ]
    )
    # fsync off: a test cluster lives minutes and is thrown away
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -c fsync=off -c full_page_writes=off"
    _run([str(binaries / "pg_ctl"), "--pgdata", str(data), "--log", str(folder / "server.log"), "--options", options, "--wait", "start"])
    server = Server(folder, port)
    deadline = time.monotonic() + 30
    while True:
        completed = _psql(port, "postgres", f"create database {DATABASE}")
        if completed.returncode == 0:
            return server
        if time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL did not accept connections: {completed.stderr}")
        time.sleep(0.2)


def stop(folder: Path) -> None:
    """Stop the server (fast shutdown) and remove its folder."""
    data = folder / "data"
    if (data / "postmaster.pid").exists():
        _run([str(server_binaries() / "pg_ctl"), "--pgdata", str(data), "--mode", "fast", "--wait", "stop"])
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--dir", type=Path, required=True, help="the cluster's own folder")
    parser.add_argument("--port", type=int, default=None, help="default: a free port")
    args = parser.parse_args(argv)
    if args.action == "stop":
        stop(args.dir)
        return 0
    server = start(args.dir, args.port)
    for name, value in server.env.items():
        print(f"export {name}={value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
