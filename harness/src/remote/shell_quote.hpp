#pragma once
// ssh hands its command to the remote user's shell, so every word the harness
// sends must be quoted; this is the one function that does it.
#include <string>
#include <vector>

namespace xlb {

// The word in single quotes, each ' written as '\'' : the shell reads it back
// byte for byte ($, `, \, spaces and newlines included).
std::string shell_quote(const std::string& word);

// The words quoted and joined by spaces: one command line for a POSIX shell.
std::string shell_command(const std::vector<std::string>& words);

}  // namespace xlb
