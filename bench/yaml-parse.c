/* yaml-parse.c - the floor under `elfault replay`: how fast libyaml's
 * event parser alone reads a script (events pulled and freed, nothing
 * else).  bench/replay.sh divides replay's time by this one. */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	FILE *file = argc == 2 ? fopen(argv[1], "rb") : NULL;
	yaml_parser_t parser;
	yaml_event_t event;
	unsigned long events = 0;
	int type;

	if (file == NULL || !yaml_parser_initialize(&parser)) {
		fprintf(stderr, "usage: yaml-parse SCRIPT\n");
		return 2;
	}
	yaml_parser_set_input_file(&parser, file);
	do {
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "yaml-parse: %s\n", parser.problem);
			return 1;
		}
		type = event.type;
		yaml_event_delete(&event);
		events++;
	} while (type != YAML_STREAM_END_EVENT);
	yaml_parser_delete(&parser);
	fclose(file);
	printf("%lu events\n", events);
	return 0;
}
