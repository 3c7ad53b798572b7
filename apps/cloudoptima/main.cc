// cloudoptima: the single binary. Parses nothing itself: hands argv to optima::cli.
#include "optima/cli/cli.h"

int main(int argc, char** argv) { return optima::cli::run(argc, argv); }
