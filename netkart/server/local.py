"""A real Neo4j Community server on 127.0.0.1, assembled from Maven Central.

There is no Docker engine and no Neo4j package on our machines, so ``netkart db start``
resolves the server's jars with Maven (``server-pom.xml``) and the Graph Data Science plugin
(``gds-pom.xml``) into a cache outside the checkout, writes a ``neo4j.conf`` under the
project's ignored ``.netkart/neo4j`` folder and launches ``org.neo4j.server.CommunityEntryPoint``
the way Neo4j's own launcher does: plugins and libraries on the class path and the JVM flags
of the distribution's default configuration.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable

from cypher.guard import PROCEDURE_ALLOWLIST
from netkart.settings import Settings, load_settings, project_home

__all__ = ["GDS_VERSION", "NEO4J_VERSION", "LocalServer", "ServerError", "ServerStatus", "server_versions"]

NEO4J_VERSION = "5.26.30"
GDS_VERSION = "2.13.9"
BROWSER_VERSION = "5.24.0"
DEFAULT_PASSWORD = "neo4j"  # Neo4j's own initial password, which must be changed on first login
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 90.0

# The flags of Neo4j 5.26's default neo4j.conf (server.jvm.additional). Without the
# --add-opens lines the server fails with "module java.base does not open java.nio".
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


class ServerError(RuntimeError):
    """The local server could not be installed, started or stopped; the message says why."""


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    neo4j_version: str | None
    gds_version: str | None


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "netkart" / f"neo4j-{NEO4J_VERSION}-gds-{GDS_VERSION}-browser-{BROWSER_VERSION}"


def _port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _java_major(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    # e.g. 'openjdk version "17.0.15" 2025-04-15'
    quoted = out.split('"')[1] if '"' in out else ""
    head = quoted.split(".")[0]
    return int(head) if head.isdigit() else 0


def _exited(pid: int) -> bool:
    """Whether process ``pid`` has ended; reaps it when this process started it (no zombie)."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return True
    except ChildProcessError:
        pass  # not our child: its parent reaps it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _command_line(pid: int) -> str | None:
    """The command line of process ``pid`` (arguments joined by spaces), ``None`` when unknown."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return raw.replace(b"\0", b" ").decode("utf-8", errors="replace").strip()


def _lock_holders(path: Path) -> set[int]:
    """Processes holding a POSIX lock on ``path`` (Neo4j's store locks), from /proc/locks."""
    try:
        inode = path.stat().st_ino
        table = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return set()
    holders = set()
    for line in table:
        fields = line.split()
        # "1: POSIX  ADVISORY  WRITE 12565 fe:00:5865703 0 EOF"; blocked waiters carry "->"
        if len(fields) >= 6 and fields[1] != "->" and fields[5].rsplit(":", 1)[-1] == str(inode):
            holders.add(int(fields[4]))
    return holders


def server_versions(uri: str, auth: tuple[str, str]) -> tuple[str | None, str | None]:
    """Neo4j and GDS versions of the server at ``uri``; ``None`` for what does not answer."""
    try:
        with GraphDatabase.driver(uri, auth=auth) as driver:
            records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
            neo4j_version = records[0]["v"]
            try:
                records, _, _ = driver.execute_query("CALL gds.version() YIELD gdsVersion RETURN gdsVersion")
            except ClientError:  # no GDS on this server
                return neo4j_version, None
            return neo4j_version, records[0]["gdsVersion"]
    except (ServiceUnavailable, AuthError, Neo4jError):  # Neo4jError: e.g. the auth rate limit
        return None, None


class LocalServer:
    """The project's own Neo4j server: install, start, stop, status, password set-up.

    Data and logs live in ``<project>/.netkart/neo4j`` (ignored by git), jars in
    ``~/.cache/netkart`` so that every checkout on the machine shares one download.
    """

    def __init__(self, settings: Settings | None = None, home: Path | None = None) -> None:
        self.settings = settings or load_settings()
        self.home = home or project_home() / ".netkart" / "neo4j"
        self.cache = _cache_root()
        #: What :meth:`pid` and :meth:`start` found and set right after a crash, for the user.
        self.recovered: list[str] = []

    # -- paths ---------------------------------------------------------------------------
    @property
    def lib_dir(self) -> Path:
        return self.cache / "lib"

    @property
    def plugins_dir(self) -> Path:
        return self.cache / "plugins"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.settings.bolt_port}"

    # -- install ---------------------------------------------------------------------------
    def installed(self) -> bool:
        return (self.cache / ".complete").exists()

    def install(self) -> None:
        """Resolve the server and GDS jars with Maven into the cache (once per machine)."""
        if self.installed():
            return
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError(
                "Maven (mvn) is not on PATH; it is needed once to fetch Neo4j's jars (apt-get install maven)"
            )
        self.cache.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="install-", dir=self.cache.parent))
        try:
            self._resolve(mvn, "server-pom.xml", staging / "lib")
            self._resolve(mvn, "gds-pom.xml", staging / "gds")
            # GDS's own dependencies go to plugins/, which Neo4j scans for procedures; jars the
            # server already has stay only in lib/ so one copy of each class is loaded.
            (staging / "plugins").mkdir()
            server_jars = {p.name for p in (staging / "lib").iterdir()}
            for jar in (staging / "gds").iterdir():
                if jar.name not in server_jars:
                    jar.rename(staging / "plugins" / jar.name)
            shutil.rmtree(staging / "gds")
            (staging / ".complete").write_text(f"neo4j {NEO4J_VERSION}\ngds {GDS_VERSION}\nbrowser {BROWSER_VERSION}\n")
            if self.cache.exists() and not self.installed():
                shutil.rmtree(self.cache)  # an interrupted earlier install
            try:
                staging.rename(self.cache)
            except OSError:
                if not self.installed():  # a concurrent install finishing first is fine
                    raise
        finally:
            if staging.exists():
                shutil.rmtree(staging)

    def _resolve(self, mvn: str, pom_name: str, target: Path) -> None:
        with resources.as_file(resources.files("netkart.server").joinpath(pom_name)) as pom:
            command = [
                mvn, "-q", "-B", "-f", str(pom),
                f"-Dneo4j.version={NEO4J_VERSION}",
                f"-Dgds.version={GDS_VERSION}",
                f"-Dbrowser.version={BROWSER_VERSION}",
                "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={target}",
            ]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
            raise ServerError(f"Maven could not resolve {pom_name} (exit {done.returncode}):\n{tail}")

    # -- configuration ---------------------------------------------------------------------
    def write_config(self) -> Path:
        conf_dir = self.home / "conf"
        for sub in ("conf", "data", "logs", "run", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        pagecache = os.environ.get("NETKART_PAGECACHE", "2g")
        lines = [
            "# written by `netkart db start`; edit netkart/server/local.py instead",
            "server.default_listen_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{self.settings.bolt_port}",
            f"server.http.listen_address=127.0.0.1:{self.settings.http_port}",
            # Advertised too, so Browser and the HTTP discovery document name the real ports.
            f"server.bolt.advertised_address=127.0.0.1:{self.settings.bolt_port}",
            f"server.http.advertised_address=127.0.0.1:{self.settings.http_port}",
            "server.https.enabled=false",
            f"server.directories.data={self.home / 'data'}",
            f"server.directories.logs={self.home / 'logs'}",
            f"server.directories.run={self.home / 'run'}",
            f"server.directories.import={self.home / 'import'}",
            f"server.directories.plugins={self.plugins_dir}",
            f"server.memory.pagecache.size={pagecache}",
            "dbms.security.auth_enabled=true",
            "dbms.security.procedures.unrestricted=gds.*",
            # Only what netkart's queries need: no GDS export, mutate or write (cypher/guard.py).
            f"dbms.security.procedures.allowlist={','.join(PROCEDURE_ALLOWLIST)}",
            "dbms.usage_report.enabled=false",
            # Neo4j Browser reports usage unless told not to; the data here are personal.
            "client.allow_telemetry=false",
            # LOAD CSV is used only by the ingest benchmark's comparison run.
            "dbms.security.allow_csv_import_from_file_urls=true",
        ]
        (conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return conf_dir

    # -- lifecycle ---------------------------------------------------------------------------
    def _is_this_server(self, pid: int) -> bool:
        """Whether ``pid`` is a Neo4j server running on this home folder.

        A pid file outlives a killed server (power cut, OOM kill, ``kill -9``), and the number
        may since belong to another program; only the command line tells them apart. Where
        there is no /proc, a live process is taken to be the server.
        """
        command = _command_line(pid)
        if command is None:
            return not _exited(pid)
        return "org.neo4j.server.CommunityEntryPoint" in command and f"--home-dir={self.home}" in command

    def pid(self) -> int | None:
        """The server's process id if it is running, else ``None``.

        A stale pid file (its process is gone, or is another program) is removed, and
        :attr:`recovered` says so.
        """
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if _exited(pid) or _command_line(pid) == "":  # an empty command line: a zombie
            self._stale_pid(f"removed a stale pid file: process {pid} had ended")
            return None
        if not self._is_this_server(pid):
            self._stale_pid(f"removed a stale pid file: process {pid} is another program, not this Neo4j")
            return None
        return pid

    def _stale_pid(self, note: str) -> None:
        self.pid_file.unlink(missing_ok=True)
        self.recovered.append(note)

    def _check_store_locks(self) -> None:
        """Refuse to start on a store another process holds; name leftover locks of a crash.

        Neo4j keeps ``store_lock`` and ``database_lock`` files and holds POSIX locks on them
        while it runs. The kernel drops those locks when the process dies, so a file left by a
        killed server is harmless and Neo4j takes it again; a file still locked means a live
        server or ``neo4j-admin`` works on this store, and starting a second one would fail.
        """
        databases = self.home / "data" / "databases"
        locks = [databases / "store_lock", *sorted(databases.glob("*/database_lock"))]
        for lock in locks:
            for holder in _lock_holders(lock):
                if holder == os.getpid():
                    continue
                if self._is_this_server(holder):
                    # The server runs but its pid file was lost: adopt it instead of a second start.
                    self.pid_file.parent.mkdir(parents=True, exist_ok=True)
                    self.pid_file.write_text(str(holder))
                    self.recovered.append(f"found the running server (pid {holder}) without its pid file; rewrote it")
                    return
                raise ServerError(
                    f"{lock} is locked by process {holder} ({_command_line(holder) or 'unknown command'}); "
                    "stop that process before starting the server"
                )

    def start(self) -> bool:
        """Start the server and wait until Bolt answers. Returns False if it already ran.

        After a crash it recovers by itself: a stale pid file is removed, store locks are
        checked (:meth:`_check_store_locks`), and Neo4j replays its transaction log on start,
        so committed transactions are kept and half-done ones vanish. :attr:`recovered` lists
        what was found, for the message.
        """
        if self.pid() is not None:
            return False
        self._check_store_locks()
        if self.pid() is not None:
            return False
        java = shutil.which("java")
        if java is None:
            raise ServerError(
                "Java is not on PATH; Neo4j 5.26 needs Java 17 or newer (apt-get install openjdk-17-jre-headless)"
            )
        if _java_major(java) < 17:
            raise ServerError(f"{java} is older than Java 17, which Neo4j 5.26 needs")
        for port in (self.settings.bolt_port, self.settings.http_port):
            if _port_taken(port):
                raise ServerError(
                    f"port {port} on 127.0.0.1 is taken by another program; stop it or set "
                    "NETKART_BOLT_PORT / NETKART_HTTP_PORT"
                )
        self.install()
        conf_dir = self.write_config()
        heap = os.environ.get("NETKART_HEAP", "2g")
        command = [
            java, f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS,
            "-cp", f"{self.plugins_dir}/*:{self.lib_dir}/*",
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}", f"--config-dir={conf_dir}",
        ]  # fmt: skip
        with self.console_log.open("ab") as log:
            process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=self.home, start_new_session=True,
            )  # fmt: skip
        self.pid_file.write_text(str(process.pid))
        debug_log = self.home / "logs" / "debug.log"
        log_start = debug_log.stat().st_size if debug_log.exists() else 0
        self._wait_for_bolt(process)
        try:
            self._ensure_password()
        except (ServiceUnavailable, ClientError) as error:
            raise ServerError(f"Neo4j did not accept the password set-up: {error}\n{self.log_tail()}") from error
        self._wait_ready(process)
        self._note_store_recovery(debug_log, log_start)
        return True

    def _note_store_recovery(self, debug_log: Path, offset: int) -> None:
        """Add Neo4j's own "Recovery completed" lines of this start to :attr:`recovered`."""
        if not debug_log.exists():
            return
        with debug_log.open("rb") as log:
            log.seek(offset)
            text = log.read().decode("utf-8", errors="replace")
        for line in text.splitlines():
            if "Recovery completed" in line:
                database = line.split("[", 2)[-1].split("/", 1)[0] if line.count("[") >= 2 else "a database"
                self.recovered.append(f"Neo4j replayed its transaction log for {database} (recovery completed)")

    def _wait_for_bolt(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise ServerError(f"Neo4j exited with code {process.returncode} while starting.\n{self.log_tail()}")
            if _port_taken(self.settings.bolt_port):
                return
            time.sleep(0.5)
        self.stop()
        raise ServerError(f"Neo4j did not answer on {self.bolt_uri} within {START_TIMEOUT_S:.0f} s.\n{self.log_tail()}")

    def _wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        """Wait until the default database answers a query with the configured credentials."""
        deadline = time.monotonic() + START_TIMEOUT_S
        with GraphDatabase.driver(self.bolt_uri, auth=self.settings.auth) as driver:
            while True:
                try:
                    driver.execute_query("RETURN 1", database_=self.settings.database)
                    return
                except AuthError as error:
                    raise ServerError(
                        f"the local server rejects the configured password ({error.message}); it was set "
                        f"when {self.home / 'data'} was created: restore NEO4J_PASSWORD in .env or remove that folder"
                    ) from error
                except (ServiceUnavailable, ClientError) as error:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise ServerError(f"Neo4j is not ready: {error}\n{self.log_tail()}") from error
                    time.sleep(0.5)

    def _ensure_password(self) -> None:
        """On a new data folder, replace Neo4j's initial password with the configured one."""
        marker = self.home / "data" / ".netkart-password-set"
        if marker.exists():
            return
        deadline = time.monotonic() + START_TIMEOUT_S
        with GraphDatabase.driver(self.bolt_uri, auth=("neo4j", DEFAULT_PASSWORD)) as driver:
            while True:
                try:
                    with driver.session(database="system") as session:
                        session.run(
                            "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                            old=DEFAULT_PASSWORD,
                            new=self.settings.password,
                        ).consume()
                    break
                except AuthError:
                    break  # already changed (marker lost): _wait_ready checks the configured one
                except (ServiceUnavailable, ClientError):
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
        marker.write_text("set\n")

    def stop(self) -> bool:
        """Shut the server down cleanly (SIGTERM runs Neo4j's shutdown hook). False if not running."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while not _exited(pid):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                break
            time.sleep(0.3)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> ServerStatus:
        pid = self.pid()
        versions = server_versions(self.bolt_uri, self.settings.auth) if pid is not None else (None, None)
        return ServerStatus(pid is not None, pid, self.bolt_uri, *versions)

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the server's logs, for error messages."""
        chunks = []
        for log in (self.home / "logs" / "neo4j.log", self.console_log):
            if log.exists():
                text = log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
                chunks.append(f"--- {log} (last {len(text)} lines)\n" + "\n".join(text))
        return "\n".join(chunks) or "(no log written)"
