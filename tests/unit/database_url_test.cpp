// A database URL's password never reaches a results file: redact_url_password.
#include <gtest/gtest.h>

#include "fixtures/postgres/database_cluster.hpp"

namespace xlb {
namespace {

TEST(RedactUrlPassword, ReplacesThePasswordOnly) {
  EXPECT_EQ(redact_url_password("postgres://postgres:0123abcd@10.0.0.7:5433/xlbench?sslmode=disable"),
            "postgres://postgres:***@10.0.0.7:5433/xlbench?sslmode=disable");
  EXPECT_EQ(redact_url_password("postgres://u:p@[::1]:5432/db"), "postgres://u:***@[::1]:5432/db");
}

TEST(RedactUrlPassword, LeavesUrlsWithoutAPasswordAlone) {
  // A local cluster's URL (trust on loopback): the ':' of the port is not a password's.
  EXPECT_EQ(redact_url_password("postgres://postgres@127.0.0.1:5432/xlbench?sslmode=disable"),
            "postgres://postgres@127.0.0.1:5432/xlbench?sslmode=disable");
  EXPECT_EQ(redact_url_password("not a url"), "not a url");
  EXPECT_EQ(redact_url_password(""), "");
}

}  // namespace
}  // namespace xlb
