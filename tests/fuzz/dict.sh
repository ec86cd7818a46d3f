#!/bin/sh
# dict.sh - the script fuzzers' dictionary, from elfault-script(5)'s
# vocabulary: every key and call it lists (".It Ic NAME", ".It Cm NAME")
# as "NAME:" and "NAME", and every literal value (".Li word").
# usage: dict.sh MAN-PAGE > script.dict
man=${1:?usage: dict.sh elfault-script.5}
{
	sed -n 's/^\.It \(Ic\|Cm\) \([a-z0-9_-][a-z0-9_-]*\).*/\2/p' "$man" |
		awk '{ print $1 ":"; print $1 }'
	grep -o 'Li [a-z_][a-z0-9_+-]*' "$man" | awk '{ print $2 }'
	printf '%s\n' '- ' '  - ' 'steps:' 'expect:' '{' '}' '[' ']' '0x' \
		'0xbfffe000' '0x08048000' '4G' '64K' '$result' '_start' '"'
} | LC_ALL=C sort -u | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/'
