package dev.widescan.corpus;

/**
 * The weighted mixture of body shapes (everything but the long tail). The weights are the model's main
 * tuning knob: they were set so that, together with {@link LengthModel}'s tail, 1M events give the
 * length statistics of real process-creation telemetry (median 55, mean 131, p90 145, p99 1,532 code
 * units); {@code LengthDistributionTest} pins that.
 *
 * <p>Picking is one uniform draw and a binary search over cumulative weights: O(log shapes), no
 * allocation.
 */
final class ShapeTable {
    private final Shape[] shapes;
    private final int[] cumulative;

    private ShapeTable(Object... weightThenShape) {
        int n = weightThenShape.length / 2;
        shapes = new Shape[n];
        cumulative = new int[n];
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (Integer) weightThenShape[2 * i];
            cumulative[i] = sum;
            shapes[i] = (Shape) weightThenShape[2 * i + 1];
        }
    }

    Shape pick(Draw d) {
        int r = d.below(cumulative[cumulative.length - 1]);
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return shapes[lo];
    }

    /** Everything a fleet runs, weighted like real telemetry (per 1,000 events). */
    static ShapeTable background(ScriptShapes scripts) {
        return new ShapeTable(
                200, (Shape) ServiceShapes::svchost,
                130, (Shape) ServiceShapes::conhost,
                45, (Shape) ServiceShapes::dllhost,
                70, (Shape) ServiceShapes::comServer,
                20, (Shape) ServiceShapes::backgroundTask,
                35, (Shape) ServiceShapes::taskhost,
                45, (Shape) ServiceShapes::sessionPlumbing,
                20, (Shape) ServiceShapes::errorReporting,
                20, (Shape) ServiceShapes::searchHost,
                25, (Shape) ServiceShapes::servicing,
                20, (Shape) ServiceShapes::telemetry,
                20, (Shape) ServiceShapes::defender,
                30, (Shape) ServiceShapes::rundll32,
                15, (Shape) ServiceShapes::msiexecService,
                80, (Shape) AdminShapes::inventory,
                40, (Shape) AdminShapes::cmdShell,
                15, (Shape) AdminShapes::reg,
                10, (Shape) AdminShapes::schtasks,
                8, (Shape) AdminShapes::wmic,
                20, (Shape) AdminShapes::netAndServices,
                8, (Shape) AdminShapes::copyTools,
                8, (Shape) AdminShapes::msiexecInstall,
                8, (Shape) AdminShapes::downloads,
                4, (Shape) AdminShapes::findstr,
                35, (Shape) AppShapes::office,
                20, (Shape) AppShapes::editorsAndViewers,
                10, (Shape) AppShapes::desktopTools,
                20, (Shape) AppShapes::developer,
                25, (Shape) AppShapes::updaters,
                45, (Shape) AppShapes::browserChild,
                25, (Shape) scripts::powershell,
                8, (Shape) scripts::scriptHost);
    }

    /** Shapes that always put a user-profile path in the command line: what unicode events draw from. */
    static ShapeTable userFiles(ScriptShapes scripts) {
        return new ShapeTable(
                30, (Shape) AppShapes::office,
                25, (Shape) AppShapes::editorsAndViewers,
                20, (Shape) AppShapes::developer,
                10, (Shape) AdminShapes::msiexecInstall,
                10, (Shape) AdminShapes::findstr,
                10, (Shape) scripts::powershell,
                10, (Shape) AppShapes::browserChild);
    }
}
