"""lab_run.py — running helper programs (ip, nft, nsenter...) with clear errors."""
import os
import shutil
import subprocess

from lab_state import EXIT_ERROR, LabError


def run(argv, check=True, input=None, timeout=30, quiet=False):
    """Runs argv, returns CompletedProcess; raises LabError when check fails."""
    try:
        cp = subprocess.run(argv, input=input, capture_output=True, text=True,
                            timeout=timeout, stdin=None if input is not None else subprocess.DEVNULL)
    except FileNotFoundError:
        raise LabError(f"{argv[0]}: not installed (scripts/install-deps installs "
                       "what the lab needs)", EXIT_ERROR) from None
    except subprocess.TimeoutExpired:
        raise LabError(f"`{' '.join(argv)}` did not finish in {timeout} s", EXIT_ERROR) from None
    if check and cp.returncode != 0:
        msg = (cp.stderr or cp.stdout).strip()
        raise LabError(f"`{' '.join(argv)}` failed (exit {cp.returncode}): {msg}", EXIT_ERROR)
    return cp


def in_netns(ns, argv):
    """argv run inside network namespace ns (without ip-netns-exec's extra mounts)."""
    return ["nsenter", f"--net=/run/netns/{ns}", "--"] + list(argv)


def have(program):
    return shutil.which(program, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin") is not None


def require(*programs):
    missing = [p for p in programs if not have(p)]
    if missing:
        raise LabError(f"missing programs: {', '.join(missing)} "
                       "(scripts/install-deps installs what the lab needs)", EXIT_ERROR)


def mounts():
    """Mount points of this mount namespace, in mount order."""
    out = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            out.append(fields[4].replace("\\040", " "))
    return out
