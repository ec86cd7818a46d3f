/* policy_plot.h - the faults per memory size of `elfault replay
 * --compare-policies`, drawn, with Belady's anomaly marked.
 *
 * One small plot per replacement policy, side by side on one scale:
 * memory along x (the frames the kernel leaves to the processes, and the
 * size), page faults (pgfault) along y, a point a run.  Where more
 * memory took more faults (replay_compare_anomaly(): Belady, Nelson and
 * Shedler, 1969 - FIFO is not a stack algorithm) the segment and its
 * point are drawn in the alert colour and labelled; a run that could not
 * go on is an x (or -) on the axis, one the OOM killer ran in a hollow
 * point.  The anomalies are listed in words under the plots.
 *
 * In SVG (canvas.h) each run is a <rect class="run"> titled "fifo 112K
 * (9 frames left): 11 faults", each anomaly a <rect class="anomaly">
 * titled "fifo: Belady's anomaly: 10 faults with 108K, 11 with 112K".
 */
#ifndef ELFAULT_POLICY_PLOT_H
#define ELFAULT_POLICY_PLOT_H

#include "canvas.h"
#include "replay_compare.h"

/* Draw C, the comparison of SCRIPT, on CANVAS from (0, 0); the picture's
 * size into *WIDTH and *HEIGHT.  Errors are the canvas's
 * (canvas_write()). */
void policy_plot_draw(struct canvas *canvas, const char *script,
		      const struct replay_comparison *c, double *width,
		      double *height);

#endif
