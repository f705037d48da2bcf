#pragma once

class QTextStream;
struct Invocation;

// `rapport report --client ID|--campaign ID --from DATE --to DATE --out FILE.pdf [--agency NAME]`: writes the
// client report (ReportWriter) without a window; main() gives it a QApplication on the offscreen platform,
// since the charts are Qt Charts widgets. Exit status 0 ok, 1 failed, 2 bad usage.
namespace ReportCommand {

int run(const Invocation &inv, QTextStream &out, QTextStream &err);

} // namespace ReportCommand
