"""lab_node.py — powering a node on and off, and running processes inside it
(its network, mount, UTS and IPC namespaces, and its cgroup)."""
import os
import shutil
import subprocess

import lab_build
import lab_net
from lab_corosync import conf_text
from lab_run import run
from lab_state import EXIT_ERROR, EXIT_FAILED, LabError

NS_KINDS = ("mnt", "uts", "ipc")
SETUP = os.path.join(lab_build.CTS_LIB, "lab-node-setup")
SUPERVISE = os.path.join(lab_build.CTS_LIB, "lab-supervise")
# Mount points that lab-node-setup binds to the node's disk.
DISK_DIRS = {"corosync": "/var/lib/corosync", "crm": "/var/lib/crm",
             "etc-corosync": "/etc/corosync"}


def unit(n):
    return f"node{n}"


def enter_argv(lab, n, wd="/"):
    """nsenter prefix that runs a command inside node n."""
    return ["nsenter", f"--mount={lab.ns_file(n, 'mnt')}", f"--uts={lab.ns_file(n, 'uts')}",
            f"--ipc={lab.ns_file(n, 'ipc')}", f"--net=/run/netns/{lab.node_ns(n)}",
            f"--wd={wd}", "--"]


def in_cgroup(cg, cg_unit, argv):
    """argv prefixed so that it runs in cgroup cg_unit from its first
    instruction on (a shell moves itself there, then execs argv): nothing it
    forks can escape a power-off, and a failure says why."""
    return ["/bin/sh", "-c", 'echo $$ >"$0" || exit 125; exec "$@"',
            cg.procs_file(cg_unit)] + list(argv)


def spawn(cg, cg_unit, argv, env, log=None, detach=True, wait=False):
    """Starts argv in cgroup cg_unit; detached daemons get their own session and
    write to log; wait=True runs in the foreground with the caller's stdio."""
    argv = in_cgroup(cg, cg_unit, argv)
    if wait:
        return subprocess.call(argv, env=env, start_new_session=detach)
    out = open(log, "ab") if log else subprocess.DEVNULL
    try:
        return subprocess.Popen(argv, env=env, start_new_session=detach,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=out)
    finally:
        if log:
            out.close()


def _prepare_dirs(lab, n):
    for sub in DISK_DIRS:
        os.makedirs(os.path.join(lab.disk_dir(n), sub), exist_ok=True)
    os.makedirs(lab.log_dir(n), exist_ok=True)
    shutil.rmtree(lab.boot_dir(n), ignore_errors=True)
    os.makedirs(lab.boot_dir(n))
    conf = os.path.join(lab.disk_dir(n), "etc-corosync", "corosync.conf")
    with open(conf, "w") as f:
        f.write(conf_text(lab, n))
    for target in DISK_DIRS.values():
        # A mount point must exist; on a machine without the package we create
        # the empty directory that the package would ship (left in place).
        os.makedirs(target, exist_ok=True)


def _make_namespaces(lab, cg, n):
    lab_net.netns_add(lab.node_ns(n))
    lab_net.link_add(lab, n, lab.node_ns(n))
    args = []
    for kind in NS_KINDS:
        path = lab.ns_file(n, kind)
        _unmount(path)
        open(path, "w").close()
        flag = {"mnt": "mount"}.get(kind, kind)
        args.append(f"--{flag}={path}")
    argv = (["nsenter", f"--net=/run/netns/{lab.node_ns(n)}", "--", "unshare"] + args
            + ["--propagation", "private", "/bin/sh", SETUP, lab.dir, str(n)])
    log = os.path.join(lab.log_dir(n), "lab.log")
    rc = spawn(cg, unit(n), argv, None, log=log).wait()
    if rc != 0:
        raise LabError(f"node {n}: setting up its namespaces failed (exit {rc}); "
                       f"see {log}", EXIT_ERROR)


def power_on(lab, cg, n):
    """Boots node n: link, namespaces, cgroup, corosync and crmd supervisors."""
    if lab.powered(n):
        return False
    _prepare_dirs(lab, n)
    cg.create(unit(n))
    cg.kill(unit(n))  # leftovers of a crashed lab
    _make_namespaces(lab, cg, n)
    env = lab_build.node_env(lab, n)
    boot, logs = lab.boot_dir(n), lab.log_dir(n)
    enter = enter_argv(lab, n)
    spawn(cg, unit(n), enter + [SUPERVISE, "corosync", boot, logs, "--", "corosync", "-f"],
          env, os.path.join(logs, "lab.log"))
    crmd = lab_build.binary(lab.conf["build"], "crmd")
    if crmd:
        spawn(cg, unit(n), enter + [SUPERVISE, "crmd", boot, logs, "--after-corosync", "--",
                                    crmd], env, os.path.join(logs, "lab.log"))
    lab.set_power(n, True)
    return True


def power_off(lab, cg, nodes):
    """Powers nodes off together: freeze all their processes, cut their links
    (and with them their addresses), then SIGKILL them all; namespaces go,
    disks stay. Returns the nodes that were on."""
    on = [n for n in nodes if lab.powered(n) or cg.pids(unit(n))
          or lab_net.netns_exists(lab.node_ns(n))]
    for n in on:
        cg.freeze(unit(n))
    for n in on:
        lab_net.link_del(lab, n)
    for n in on:
        cg.kill(unit(n))
    state = lab.net_state()
    for n in on:
        for kind in NS_KINDS:
            _unmount(lab.ns_file(n, kind))
        lab_net.netns_del(lab.node_ns(n))
        lab.set_power(n, False)
        state.get("delay", {}).pop(str(n), None)
    lab.save_net_state(state)
    return on


def _unmount(path):
    if os.path.exists(path):
        run(["umount", path], check=False)
        try:
            os.unlink(path)
        except OSError:
            pass


def require_on(lab, n):
    if not lab.powered(n):
        raise LabError(f"node {n} is powered off (power it on with: cts/lab start {n})",
                       EXIT_FAILED)


def exec_in(lab, cg, n, argv):
    """Runs argv inside node n in the foreground; returns its exit status."""
    require_on(lab, n)
    env = lab_build.node_env(lab, n, base=os.environ)
    return spawn(cg, unit(n), enter_argv(lab, n, os.getcwd()) + list(argv), env,
                 detach=False, wait=True)


def daemon_pids(lab, cg, n, name):
    """Pids in node n whose command name is name (as ps shows it), plus the pid
    that the supervisor started under that name."""
    out = []
    for pid in cg.pids(unit(n)):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == name[:15]:
                    out.append(pid)
        except OSError:
            pass
    try:
        with open(os.path.join(lab.boot_dir(n), f"{name}.pid")) as f:
            pid = int(f.read().strip())
        if pid not in out and pid in cg.pids(unit(n)):
            out.append(pid)
    except (OSError, ValueError, TypeError):
        pass
    return sorted(out)


def capture_start(lab, cg, n, argv):
    """Starts argv inside node n with its output captured; see capture_finish."""
    env = lab_build.node_env(lab, n, base=os.environ)
    return subprocess.Popen(in_cgroup(cg, unit(n), enter_argv(lab, n) + list(argv)),
                            env=env, text=True, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def capture_finish(proc, timeout=10):
    """Returns (exit status, stdout, stderr) of a capture_start process."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return 124, "", f"timed out after {timeout} s"
    return proc.returncode, out, err


def capture_in(lab, cg, n, argv, timeout=10):
    """Runs argv inside node n; returns (exit status, stdout, stderr)."""
    return capture_finish(capture_start(lab, cg, n, argv), timeout)
