// The Markdown of a bench run, as docs/performance.md shows it.

const TARGET = { concurrency: 10, ratio: 0.6, p99ms: 25 };

function ingestTable(ingest) {
  const lines = [
    "| app | concurrency | requests/s | p50 ms | p99 ms | × bare Probot | errors |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...ingest.rows.map(
      (row) =>
        `| ${row.app} | ${row.concurrency} | ${row.perSecond} | ${row.p50ms} | ${row.p99ms} | ${row.ratio.toFixed(2)} | ${row.errors} |`,
    ),
  ];
  const app = ingest.rows.find((row) => row.app === "satisfaction-bot" && row.concurrency === TARGET.concurrency);
  if (app) {
    const met = app.ratio >= TARGET.ratio && app.p99ms <= TARGET.p99ms && app.errors === 0;
    lines.push(
      "",
      `Target at concurrency ${TARGET.concurrency}: ≥ ${TARGET.ratio} × bare Probot, p99 ≤ ${TARGET.p99ms} ms, no error. ` +
        `Measured: ${app.ratio.toFixed(2)} ×, p99 ${app.p99ms} ms, ${app.errors} errors: **${met ? "met" : "not met"}**.`,
    );
  }
  lines.push("", "Stored exactly once:");
  for (const [label, check] of Object.entries(ingest.check)) {
    lines.push(
      `- ${label}: ${check.acknowledged} acknowledged, ${check.stored} stored, ${check.lost} lost, ${check.issues} issues: ${check.once ? "ok" : "**FAILED**"}`,
    );
  }
  const waits = ingest.waits[TARGET.concurrency];
  if (waits) {
    const total = Object.values(waits).reduce((a, b) => a + b, 0) || 1;
    const shares = Object.entries(waits).map(([doing, n]) => `${doing} ${Math.round((100 * n) / total)}%`);
    lines.push(
      "",
      `The app's PostgreSQL connections at concurrency ${TARGET.concurrency} (pg_stat_activity samples): ${shares.join(", ")}.`,
    );
  }
  return lines;
}

function burstSection(burst) {
  if (burst.skipped) return ["### Burst of closes", "", `Skipped: ${burst.skipped}.`];
  const { sent, rssMb, queue } = burst;
  return [
    `### Burst of closes (${burst.seconds} s of opens and closes at concurrency ${burst.concurrency}, a local GitHub stand-in)`,
    "",
    "| opened | closed | refused | surveys | asked by the end | waiting in the queue | in flight | comments posted | RSS at rest MB | peak MB | after MB |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${sent.opened} | ${sent.closed} | ${sent.failed} | ${queue.surveys} | ${queue.asked} | ${queue.waiting} | ${queue.inFlight} | ${burst.commentsPosted} | ${rssMb.atRest} | ${rssMb.peak} | ${rssMb.after} |`,
  ];
}

export function markdown(result) {
  const { machine } = result;
  const lines = [
    `Run of ${result.at} at commit ${machine.commit ?? "?"}: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, ` +
      `Node ${machine.node}, PostgreSQL ${machine.postgres} (synchronous_commit ${machine.synchronousCommit}), load average at start ${machine.loadAverageAtStart.join(" ")}.`,
  ];
  if (result.ingest) {
    const { settings } = result.ingest;
    lines.push(
      "",
      `### Ingest (${settings.rounds} rotated runs of ${settings.seconds} s per app and concurrency, ${settings.repositories} repositories)`,
      "",
      ...ingestTable(result.ingest),
    );
  }
  if (result.postgresCut) {
    const cut = result.postgresCut;
    lines.push(
      "",
      "### PostgreSQL cut for 3 s",
      "",
      "| sent | acknowledged | refused during the cut | redelivered | stored | lost | requests/s | p50 ms | p99 ms |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      `| ${cut.sent} | ${cut.acknowledged} | ${cut.refusedDuringOutage} | ${cut.redelivered} | ${cut.processed} | ${cut.lost} | ${cut.perSecond} | ${cut.p50ms} | ${cut.p99ms} |`,
    );
  }
  if (result.burst) lines.push("", ...burstSection(result.burst));
  return lines.join("\n");
}
