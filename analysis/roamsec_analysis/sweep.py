"""Parameter sweeps: expand a sweep file into runs, run them with GNU
parallel (local cores, --sshloginfile machines) or a Slurm job array, and
merge their results. Standard library only, so that the per-run `job`
command works on any machine with python3.

Output directory layout (DIR, default results/<sweep name>):
  sweep.json          the parsed sweep file and the resolved scenario binary
  jobs.json           every run: id, group, config, replication, run number, flags
  jobs.txt            one run id per line (input of parallel / Slurm)
  runs/<id>/          results of a finished run (renamed into place on success)
  runs/.tmp-<id>-...  a run in progress (removed or renamed when it ends)
  failed/<id>/        output and log of the last failed attempt of a run
  joblog.txt          GNU parallel's job log
  handoffs.csv        merged handoff rows with the run's sweep parameters
  handoffs.meta.json  which columns are sweep parameters (used by stats/plots)
  runs.csv            one row per run: status and per-run message totals
"""

import csv
import hashlib
import itertools
import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import time

from .formats import COUNTER_COLUMNS, HANDOFF_COLUMNS, REQUIRED_HANDOFF_COLUMNS, InputError, read_csv_rows

ANALYSIS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO_ROOT = os.path.dirname(ANALYSIS_DIR)
SWEEP_SCRIPT = os.path.join(ANALYSIS_DIR, "sweep.py")

RESERVED_FLAGS = ("RngRun", "outDir")


# ---------------------------------------------------------------- sweep file


def load_sweep(path):
    """Parse a sweep file (.toml or .json) into a normalized dict."""
    if not os.path.exists(path):
        raise InputError("%s: no such sweep file" % path)
    try:
        if path.endswith(".json"):
            with open(path) as f:
                data = json.load(f)
        else:
            import tomllib

            with open(path, "rb") as f:
                data = tomllib.load(f)
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError("%s: cannot parse sweep file: %s" % (path, e))
    return normalize_sweep(data, path)


def normalize_sweep(data, origin="<sweep>"):
    if not isinstance(data, dict):
        raise InputError("%s: the sweep must be a table/object" % origin)
    known = {"name", "scenario", "replications", "first_run", "run_stride", "fixed", "parameters", "group",
             "description"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError("%s: unknown key(s) %s" % (origin, ", ".join(unknown)))
    name = data.get("name") or os.path.splitext(os.path.basename(origin))[0]
    sweep = {
        "name": str(name),
        "description": str(data.get("description", "")),
        "scenario": str(data.get("scenario", "roaming-handoff")),
        "replications": _positive_int(data.get("replications", 1), origin, "replications"),
        "first_run": _positive_int(data.get("first_run", 1), origin, "first_run"),
        "run_stride": _positive_int(data.get("run_stride", 1000), origin, "run_stride"),
        "fixed": _flag_table(data.get("fixed", {}), origin, "fixed"),
        "groups": [],
    }
    groups = data.get("group")
    if groups is None:
        groups = [{"name": "main", "parameters": data.get("parameters", {})}]
    elif "parameters" in data:
        raise InputError("%s: use either [parameters] or [[group]] tables, not both" % origin)
    if not isinstance(groups, list) or not groups:
        raise InputError("%s: 'group' must be a non-empty list of tables" % origin)
    names = set()
    for i, g in enumerate(groups):
        where = "%s: group %d" % (origin, i + 1)
        if not isinstance(g, dict):
            raise InputError("%s: must be a table" % where)
        bad = sorted(set(g) - {"name", "replications", "fixed", "parameters"})
        if bad:
            raise InputError("%s: unknown key(s) %s" % (where, ", ".join(bad)))
        gname = str(g.get("name", "g%d" % (i + 1)))
        if gname in names:
            raise InputError("%s: duplicate group name %r" % (where, gname))
        names.add(gname)
        params = g.get("parameters", {})
        if not isinstance(params, dict):
            raise InputError("%s: 'parameters' must be a table" % where)
        values = {}
        for k, v in params.items():
            vs = v if isinstance(v, list) else [v]
            if not vs:
                raise InputError("%s: parameter %r has no values" % (where, k))
            values[k] = [_flag_value(x, where, k) for x in vs]
            _check_flag_name(k, where)
        reps = _positive_int(g.get("replications", sweep["replications"]), where, "replications")
        if reps > sweep["run_stride"]:
            raise InputError("%s: replications (%d) exceed run_stride (%d)" % (where, reps, sweep["run_stride"]))
        sweep["groups"].append(
            {
                "name": gname,
                "replications": reps,
                "own_replications": "replications" in g,
                "fixed": _flag_table(g.get("fixed", {}), where, "fixed"),
                "parameters": values,
            }
        )
    return sweep


def with_replications(sweep, n):
    """The sweep with replications set to n in every group that does not
    set its own (such as a single traced run)."""
    _positive_int(n, "--replications", "replications")
    if n > sweep["run_stride"]:
        raise InputError("--replications %d exceeds the sweep's run_stride %d" % (n, sweep["run_stride"]))
    out = dict(sweep)
    out["replications"] = n
    out["groups"] = [g if g.get("own_replications") else dict(g, replications=n) for g in sweep["groups"]]
    return out


def _positive_int(v, where, key):
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        raise InputError("%s: %s must be a positive integer, not %r" % (where, key, v))
    return v


def _check_flag_name(k, where):
    if k in RESERVED_FLAGS:
        raise InputError("%s: %s is set by the sweep runner, do not set it" % (where, k))
    if not k or not all(c.isalnum() or c in "_:-." for c in k):
        raise InputError("%s: bad flag name %r" % (where, k))


def _flag_value(v, where, k):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float, str)):
        return str(v)
    raise InputError("%s: value of %r must be a string, number or boolean, not %r" % (where, k, v))


def _flag_table(t, where, key):
    if not isinstance(t, dict):
        raise InputError("%s: %r must be a table" % (where, key))
    out = {}
    for k, v in t.items():
        _check_flag_name(k, where)
        out[k] = _flag_value(v, where, k)
    return out


# ---------------------------------------------------------------- expansion


def config_hash(group, flags):
    canon = json.dumps({"group": group, "flags": flags}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(canon.encode()).hexdigest()[:8]


def expand(sweep):
    """The list of runs. Run numbers: first_run + config_index * run_stride
    + replication, so adding replications keeps the numbers of earlier runs."""
    jobs = []
    index = 0
    for g in sweep["groups"]:
        keys = list(g["parameters"])
        for combo in itertools.product(*(g["parameters"][k] for k in keys)):
            swept = dict(zip(keys, combo))
            flags = dict(sweep["fixed"])
            flags.update(g["fixed"])
            flags.update(swept)
            h = config_hash(g["name"], flags)
            label = " ".join("%s=%s" % kv for kv in swept.items()) or g["name"]
            for rep in range(g["replications"]):
                run = sweep["first_run"] + index * sweep["run_stride"] + rep
                jobs.append(
                    {
                        "id": "run%d-%s" % (run, h),
                        "group": g["name"],
                        "config": label,
                        "config_hash": h,
                        "rep": rep,
                        "run": run,
                        "swept": swept,
                        "flags": flags,
                    }
                )
            index += 1
    return jobs


def resolve_binary(sweep, binary=None):
    if binary:
        return os.path.abspath(binary)
    env = os.environ.get("ROAMSEC_SCENARIO_BIN")
    if env:
        return os.path.abspath(env)
    build = os.environ.get("ROAMSEC_BUILD_DIR", os.path.join(REPO_ROOT, "build"))
    return os.path.abspath(os.path.join(build, "scenarios", sweep["scenario"]))


def default_out_dir(sweep):
    return os.path.join(REPO_ROOT, "results", sweep["name"])


def _write_atomic(path, text):
    tmp = "%s.tmp-%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def write_job_files(sweep, jobs, out_dir, binary, source=None):
    os.makedirs(os.path.join(out_dir, "runs"), exist_ok=True)
    meta = {"sweep": sweep, "source": source, "binary": binary}
    _write_atomic(os.path.join(out_dir, "sweep.json"), json.dumps(meta, indent=2, sort_keys=True) + "\n")
    _write_atomic(os.path.join(out_dir, "jobs.json"), json.dumps(jobs, indent=1, sort_keys=True) + "\n")
    _write_atomic(os.path.join(out_dir, "jobs.txt"), "".join(j["id"] + "\n" for j in jobs))


def load_job_files(out_dir):
    try:
        with open(os.path.join(out_dir, "sweep.json")) as f:
            meta = json.load(f)
        with open(os.path.join(out_dir, "jobs.json")) as f:
            jobs = json.load(f)
    except FileNotFoundError as e:
        raise InputError("%s: not an expanded sweep directory (%s missing); run 'sweep.py expand' first"
                         % (out_dir, os.path.basename(e.filename)))
    return meta, jobs


def run_dir(out_dir, job_id):
    return os.path.join(out_dir, "runs", job_id)


def is_done(out_dir, job):
    return os.path.exists(os.path.join(run_dir(out_dir, job["id"]), "job.json"))


# ---------------------------------------------------------------- one run


def check_run_output(d, run):
    """Raise InputError unless d holds a usable result of run `run`."""
    handoffs = os.path.join(d, "handoffs-run%d.csv" % run)
    read_csv_rows(handoffs, REQUIRED_HANDOFF_COLUMNS, "handoffs")
    info = os.path.join(d, "run%d.json" % run)
    if not os.path.exists(info):
        raise InputError("%s: missing" % info)


def run_job(out_dir, job_id, binary=None, log=sys.stdout):
    """Run one job unless its result exists. Returns 0 on success or skip.
    The scenario writes into a private temporary directory that is renamed
    to runs/<id> only after it exited 0 and its files check out, so an
    interrupted or failed run leaves no result that looks complete."""
    out_dir = os.path.abspath(out_dir)
    meta, jobs = load_job_files(out_dir)
    by_id = {j["id"]: j for j in jobs}
    if job_id not in by_id:
        raise InputError("%s: no job %r in jobs.json" % (out_dir, job_id))
    job = by_id[job_id]
    final = run_dir(out_dir, job_id)
    if is_done(out_dir, job):
        print("%s: done already, skipped" % job_id, file=log)
        return 0
    binary = binary or os.environ.get("ROAMSEC_SCENARIO_BIN") or meta["binary"]
    if not os.access(binary, os.X_OK):
        print("%s: scenario program %s not found or not executable (build it, or set "
              "ROAMSEC_SCENARIO_BIN / --binary)" % (job_id, binary), file=sys.stderr)
        return 127
    host = socket.gethostname().split(".")[0]
    tmp = os.path.join(out_dir, "runs", ".tmp-%s-%s-%d" % (job_id, host, os.getpid()))
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    os.makedirs(tmp)
    args = [binary] + ["--%s=%s" % kv for kv in job["flags"].items()]
    args += ["--RngRun=%d" % job["run"], "--outDir=%s" % tmp]
    start = time.time()
    with open(os.path.join(tmp, "log.txt"), "w") as lf:
        lf.write("$ %s\n" % " ".join(shlex.quote(a) for a in args))
        lf.flush()
        try:
            rc = subprocess.call(args, stdout=lf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        except OSError as e:
            lf.write("cannot start: %s\n" % e)
            rc = 126
    problem = None if rc == 0 else "exit status %d" % rc
    if problem is None:
        try:
            check_run_output(tmp, job["run"])
        except InputError as e:
            problem = str(e)
    if problem is not None:
        failed = os.path.join(out_dir, "failed", job_id)
        if os.path.exists(failed):
            shutil.rmtree(failed)
        os.makedirs(os.path.dirname(failed), exist_ok=True)
        os.rename(tmp, failed)
        print("%s: FAILED (%s); see %s/log.txt" % (job_id, problem, failed), file=sys.stderr)
        return rc if rc != 0 else 1
    record = dict(job)
    record.update({"host": host, "seconds": round(time.time() - start, 3), "binary": binary})
    with open(os.path.join(tmp, "job.json"), "w") as f:
        json.dump(record, f, indent=1, sort_keys=True)
        f.write("\n")
    try:
        os.rename(tmp, final)
    except OSError:
        # Another machine finished the same run first: keep its result.
        if is_done(out_dir, job):
            shutil.rmtree(tmp)
        else:
            if os.path.exists(final):
                shutil.rmtree(final)
            os.rename(tmp, final)
    stale = os.path.join(out_dir, "failed", job_id)
    if os.path.exists(stale):
        shutil.rmtree(stale)
    print("%s: ok (run %d, %s)" % (job_id, job["run"], job["config"]), file=log)
    return 0


def clean_stale_tmp(out_dir):
    """Remove temporary run directories left by interrupted runs on this
    host (their process is gone). Other hosts' are left alone."""
    host = socket.gethostname().split(".")[0]
    runs = os.path.join(out_dir, "runs")
    removed = 0
    if not os.path.isdir(runs):
        return 0
    for name in os.listdir(runs):
        if not name.startswith(".tmp-"):
            continue
        parts = name.rsplit("-", 2)
        if len(parts) != 3 or parts[1] != host:
            continue
        try:
            pid = int(parts[2])
            os.kill(pid, 0)
            continue  # still running
        except (ValueError, ProcessLookupError):
            pass
        except PermissionError:
            continue
        shutil.rmtree(os.path.join(runs, name), ignore_errors=True)
        removed += 1
    return removed


# ---------------------------------------------------------------- many runs


def job_command(out_dir, python=None):
    """The command GNU parallel runs for each id ({} is the id)."""
    py = python or sys.executable or "python3"
    return "%s %s job %s {}" % (shlex.quote(py), shlex.quote(SWEEP_SCRIPT), shlex.quote(os.path.abspath(out_dir)))


def run_parallel(out_dir, jobs, n_jobs=None, sshloginfile=None, timeout=None, extra=(), log=sys.stdout):
    """Run the pending jobs with GNU parallel; returns parallel's status
    (the number of failed jobs, capped at 101)."""
    pending = [j for j in jobs if not is_done(out_dir, j)]
    print("%d runs, %d done already, %d to run" % (len(jobs), len(jobs) - len(pending), len(pending)), file=log)
    if not pending:
        return 0
    if shutil.which("parallel") is None:
        raise InputError("GNU parallel not found (apt-get install parallel)")
    pending_file = os.path.join(out_dir, "pending.txt")
    _write_atomic(pending_file, "".join(j["id"] + "\n" for j in pending))
    cmd = ["parallel", "--will-cite", "--halt", "never", "--joblog", os.path.join(out_dir, "joblog.txt")]
    if n_jobs:
        cmd += ["--jobs", str(n_jobs)]
    if sshloginfile:
        cmd += ["--sshloginfile", sshloginfile]
    if timeout:
        cmd += ["--timeout", str(timeout)]
    cmd += list(extra)
    cmd += [job_command(out_dir), "::::", pending_file]
    log.flush()
    return subprocess.call(cmd)


def slurm_script(out_dir, n_jobs, jobs_per_task=1, python="python3", options=()):
    """A Slurm batch script running the jobs as an array: task i runs lines
    (i-1)*k+1 .. i*k of jobs.txt."""
    out_dir = os.path.abspath(out_dir)
    tasks = (n_jobs + jobs_per_task - 1) // jobs_per_task
    lines = [
        "#!/bin/bash",
        "#SBATCH --job-name=roamsec-sweep",
        "#SBATCH --array=1-%d" % tasks,
        "#SBATCH --ntasks=1",
        "#SBATCH --cpus-per-task=1",
        "#SBATCH --output=%s/slurm/%%A_%%a.out" % out_dir,
    ]
    lines += ["#SBATCH %s" % o for o in options]
    lines += [
        "# Generated by analysis/sweep.py slurm; submit with: sbatch %s/slurm-array.sh" % out_dir,
        "set -u",
        "K=%d" % jobs_per_task,
        "FIRST=$(( (SLURM_ARRAY_TASK_ID - 1) * K + 1 ))",
        "LAST=$(( SLURM_ARRAY_TASK_ID * K ))",
        "status=0",
        'for id in $(sed -n "${FIRST},${LAST}p" %s); do' % shlex.quote(os.path.join(out_dir, "jobs.txt")),
        '    %s %s job %s "$id" || status=1' % (python, shlex.quote(SWEEP_SCRIPT), shlex.quote(out_dir)),
        "done",
        "exit $status",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- merge


def merge(out_dir, log=sys.stdout):
    """Merge finished runs into handoffs.csv / runs.csv. Returns
    (runs done, runs missing)."""
    meta, jobs = load_job_files(out_dir)
    flag_names = []
    swept_names = []
    for j in jobs:
        for k in j["flags"]:
            if k not in flag_names:
                flag_names.append(k)
        for k in j["swept"]:
            if k not in swept_names:
                swept_names.append(k)
    header_extra = []
    all_rows = []
    run_rows = []
    done = missing = 0
    for j in jobs:
        d = run_dir(out_dir, j["id"])
        rr = {"job": j["id"], "group": j["group"], "config": j["config"], "rep": j["rep"], "run": j["run"]}
        rr.update({k: j["flags"].get(k, "") for k in flag_names})
        if not is_done(out_dir, j):
            missing += 1
            rr["status"] = "missing"
            run_rows.append(rr)
            continue
        path = os.path.join(d, "handoffs-run%d.csv" % j["run"])
        header, rows = read_csv_rows(path, REQUIRED_HANDOFF_COLUMNS, "handoffs")
        for h in header:
            if h not in HANDOFF_COLUMNS and h not in header_extra:
                header_extra.append(h)
        totals = {c: 0.0 for c in COUNTER_COLUMNS}
        for r in rows:
            if str(r.get("run", "")).strip() != str(j["run"]):
                raise InputError("%s: row with run %r in the result of run %d" % (path, r.get("run"), j["run"]))
            m = {"job": j["id"], "group": j["group"], "config": j["config"], "rep": j["rep"]}
            for k in flag_names:
                if k not in header:
                    m[k] = j["flags"].get(k, "")
            m.update(r)
            all_rows.append(m)
            for c in COUNTER_COLUMNS:
                try:
                    totals[c] += float(r.get(c) or 0)
                except ValueError:
                    pass
        done += 1
        rr["status"] = "done"
        rr["handoffs"] = len(rows)
        rr.update({c: "%g" % totals[c] for c in COUNTER_COLUMNS})
        run_rows.append(rr)
    present = set()
    for r in all_rows:
        present.update(r)
    base = ["job", "group", "config", "rep"]
    params = [k for k in flag_names if k not in HANDOFF_COLUMNS and k not in base]
    columns = base + params + [c for c in HANDOFF_COLUMNS if c in present] + header_extra
    _write_csv_atomic(os.path.join(out_dir, "handoffs.csv"), columns, all_rows)
    run_cols = base + ["run"] + params + ["status", "handoffs"] + COUNTER_COLUMNS
    _write_csv_atomic(os.path.join(out_dir, "runs.csv"), run_cols, run_rows)
    sidecar = {
        "sweep": meta["sweep"]["name"],
        "parameters": params,
        "swept": swept_names,
        "runs_done": done,
        "runs_missing": missing,
    }
    _write_atomic(os.path.join(out_dir, "handoffs.meta.json"), json.dumps(sidecar, indent=2, sort_keys=True) + "\n")
    print("merged %d runs (%d handoffs) into %s; %d runs missing"
          % (done, len(all_rows), os.path.join(out_dir, "handoffs.csv"), missing), file=log)
    return done, missing


def _write_csv_atomic(path, columns, rows):
    tmp = "%s.tmp-%d" % (path, os.getpid())
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)
