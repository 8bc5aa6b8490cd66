#include "app/cli.hpp"

int main(int argc, char** argv) { return xlb::run_cli(argc, argv); }
