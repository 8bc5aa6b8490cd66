#pragma once
// Escaping for HTML: one definition each (Markdown cells: core/format.hpp).
#include <nlohmann/json.hpp>
#include <string>

namespace xlb {

// HTML text/attribute escaping.
std::string html_escape(const std::string& s);
// JSON safe to inline in <script> (no "</", "<!--").
std::string script_json(const nlohmann::json& j);
// Script source with every "</" written as "<\/".
std::string script_safe(const std::string& code);

}  // namespace xlb
