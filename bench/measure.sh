# bench/measure.sh - sourced by the benchmarks: measure OUT COMMAND...
# runs COMMAND $repeat times (its standard output to OUT) and prints the
# best "seconds peak-RSS-KiB" of the runs; a run that fails stops the
# benchmark with its standard error.  The caller sets repeat and scratch
# (a directory of its own).
measure() {
	local out=$1 best='' s rss start end; shift
	for _ in $(seq "$repeat"); do
		start=$(date +%s%N)
		if ! /usr/bin/time -f '%M' -o "$scratch/time" "$@" \
		     > "$out" 2> "$scratch/err"; then
			echo "$(basename "$0"): $* failed:" >&2
			cat "$scratch/err" >&2
			exit 1
		fi
		end=$(date +%s%N)
		s=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.4f", ns / 1e9 }')
		read -r rss < "$scratch/time"
		if [ -z "$best" ] || awk -v a="$s" -v b="${best% *}" \
		       'BEGIN { exit !(a < b) }'; then
			best="$s $rss"
		fi
	done
	echo "$best"
}
