#!/usr/bin/python3
"""Run a parameter sweep of a scenario program. See doc/analysis.rst.

  sweep.py run SWEEP [-o DIR] [-j N]      expand, run what is missing, merge
  sweep.py expand SWEEP [-o DIR]          write DIR/jobs.txt (one run id per line)
  sweep.py job DIR ID                     run one run (what parallel/Slurm call)
  sweep.py merge DIR                      merge finished runs into DIR/handoffs.csv
  sweep.py slurm SWEEP [-o DIR]           expand and write DIR/slurm-array.sh
  sweep.py status DIR                     count finished, failed and missing runs
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from roamsec_analysis import sweep as sw  # noqa: E402
from roamsec_analysis.formats import InputError  # noqa: E402


def _expand(args):
    sweep = sw.load_sweep(args.sweep)
    if args.replications is not None:
        sweep = sw.with_replications(sweep, args.replications)
    out = os.path.abspath(args.out or sw.default_out_dir(sweep))
    jobs = sw.expand(sweep)
    binary = sw.resolve_binary(sweep, args.binary)
    sw.write_job_files(sweep, jobs, out, binary, os.path.abspath(args.sweep))
    return sweep, jobs, out, binary


def cmd_expand(args):
    sweep, jobs, out, binary = _expand(args)
    print("%s: %d runs in %d groups -> %s/jobs.txt (binary %s)" % (sweep["name"], len(jobs), len(sweep["groups"]), out, binary))
    print("run them with:  parallel %s :::: %s/jobs.txt" % (sw.job_command(out), out))
    return 0


def cmd_run(args):
    sweep, jobs, out, binary = _expand(args)
    if not args.dry_run and not os.access(binary, os.X_OK):
        raise InputError("scenario program %s not found or not executable; build it "
                         "(cmake --build build --target %s) or pass --binary / set ROAMSEC_SCENARIO_BIN"
                         % (binary, sweep["scenario"]))
    removed = sw.clean_stale_tmp(out)
    if removed:
        print("removed %d unfinished run directories of an interrupted sweep" % removed)
    if args.dry_run:
        for j in jobs:
            if not sw.is_done(out, j):
                print(sw.job_command(out).replace("{}", j["id"]))
        return 0
    extra = []
    for e in args.parallel_arg or []:
        extra += e.split()
    status = sw.run_parallel(out, jobs, args.jobs, args.sshloginfile, args.timeout, extra)
    done, missing = sw.merge(out)
    if status != 0 or missing:
        print("%d runs did not finish (logs in %s/failed/); run the same command again to retry them"
              % (missing, out), file=sys.stderr)
        return 1
    return 0


def cmd_job(args):
    return sw.run_job(args.dir, args.id, args.binary)


def cmd_merge(args):
    done, missing = sw.merge(os.path.abspath(args.dir))
    if done == 0:
        raise InputError("%s: no finished runs to merge" % args.dir)
    return 0


def cmd_slurm(args):
    sweep, jobs, out, binary = _expand(args)
    os.makedirs(os.path.join(out, "slurm"), exist_ok=True)
    text = sw.slurm_script(out, len(jobs), args.jobs_per_task, args.python, args.sbatch or [])
    path = os.path.join(out, "slurm-array.sh")
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, 0o755)
    print("wrote %s (%d runs); submit with: sbatch %s ; then: %s merge %s"
          % (path, len(jobs), path, sys.argv[0], out))
    return 0


def cmd_status(args):
    out = os.path.abspath(args.dir)
    meta, jobs = sw.load_job_files(out)
    done = sum(1 for j in jobs if sw.is_done(out, j))
    failed = [j["id"] for j in jobs if not sw.is_done(out, j) and os.path.isdir(os.path.join(out, "failed", j["id"]))]
    print("%s: %d runs, %d done, %d failed, %d not run" % (meta["sweep"]["name"], len(jobs), done, len(failed),
                                                           len(jobs) - done - len(failed)))
    for f in failed:
        print("failed: %s (log: %s)" % (f, os.path.join(out, "failed", f, "log.txt")))
    return 0 if done == len(jobs) else 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    def sweep_args(p):
        p.add_argument("sweep", help="sweep file (.toml or .json)")
        p.add_argument("-o", "--out", help="output directory (default results/<sweep name>)")
        p.add_argument("-r", "--replications", type=int,
                       help="replications of every configuration, overriding the sweep file (run numbers "
                       "stay the same, so a later run with more replications only adds runs)")
        p.add_argument("--binary", help="scenario program (default $ROAMSEC_SCENARIO_BIN, else "
                       "$ROAMSEC_BUILD_DIR/scenarios/<scenario>, else build/scenarios/<scenario>)")

    p = sub.add_parser("expand", help="expand a sweep into DIR/jobs.txt")
    sweep_args(p)
    p.set_defaults(func=cmd_expand)

    p = sub.add_parser("run", help="expand, run the missing runs with GNU parallel, merge")
    sweep_args(p)
    p.add_argument("-j", "--jobs", help="parallel jobs per machine (default: one per core)")
    p.add_argument("--sshloginfile", help="run on the machines listed in this file (GNU parallel format)")
    p.add_argument("--timeout", help="kill a run after this many seconds (or N%% of the median)")
    p.add_argument("--parallel-arg", action="append", help="extra option(s) for GNU parallel")
    p.add_argument("-n", "--dry-run", action="store_true", help="print the commands of the missing runs")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("job", help="run one run of an expanded sweep (skips it if done)")
    p.add_argument("dir")
    p.add_argument("id")
    p.add_argument("--binary")
    p.set_defaults(func=cmd_job)

    p = sub.add_parser("merge", help="merge finished runs into DIR/handoffs.csv and DIR/runs.csv")
    p.add_argument("dir")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("slurm", help="expand and write a Slurm job-array script")
    sweep_args(p)
    p.add_argument("-k", "--jobs-per-task", type=int, default=1, help="runs per array task (default 1)")
    p.add_argument("--python", default="python3", help="python on the compute nodes")
    p.add_argument("--sbatch", action="append", help="extra #SBATCH option, e.g. --sbatch=--time=00:30:00")
    p.set_defaults(func=cmd_slurm)

    p = sub.add_parser("status", help="count finished, failed and missing runs")
    p.add_argument("dir")
    p.set_defaults(func=cmd_status)

    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except InputError as e:
        print("sweep.py: error: %s" % e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sweep.py: interrupted; finished runs are kept, run the same command to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
