package csvwork_test

import (
	"reflect"
	"strings"
	"testing"

	"xlbench/internal/csvwork"
)

// salesDoc has the README's edge cases in the sales schema: BOM, CRLF, a
// quoted comment with a comma, "" and a line break, an empty line, an empty
// discount, unparsable and odd ints, a record with too few fields.
const salesDoc = "\xEF\xBB\xBForder_id,store,customer,product,quantity,price_cents,discount_pct,comment,created_at\r\n" +
	"1,s2,c1,p1,3,1000,10,\"nice, thanks\",2024-01-01\r\n" +
	"2,s1,c2,p2,1,250,,\"said \"\"hi\"\"\r\nthen left\",2024-01-02\r\n" +
	"\r\n" +
	"3,s2,c3,p3,x,-50,5,plain,2024-01-03\r\n" +
	"4,s1,c4,p4,2,100\r\n" +
	"5,s10,c5,p5,+7,007,-0,\"\",2024-01-05\r\n"

// Counted by hand.
const salesWant = "s1\t1\t1\t1\t1\t1\t1\t250\t250\t250\t0\t0\t0\t0\n" +
	"s10\t1\t1\t7\t7\t7\t1\t7\t7\t7\t1\t0\t0\t0\n" +
	"s2\t2\t1\t3\t3\t3\t2\t950\t-50\t1000\t2\t15\t5\t10\n" +
	"rows\t4\tbad_rows\t1\n"

// nflDoc: real nfl rows with the columns reordered (both variants find them
// by name), empty int fields, a quoted description, a too-long record.
const nflDoc = "season,gameid,off,def,qtr,min,sec,down,togo,ydline,description,offscore,defscore\n" +
	"2012,20120905_DAL@NYG,DAL,NYG,1,,0,,,,\"D.Bailey kicks 69 yards, from DAL 35.\",0,0\n" +
	"2012,20120905_DAL@NYG,NYG,DAL,1,59,56,1,10,84,(14:56) E.Manning pass incomplete.,0,0\n" +
	"2012,20120905_DAL@NYG,NYG,DAL,1,59,49,2,10,84,(14:49) pass short,3,7,extra\n" +
	"2012,20120905_DAL@NYG,NYG,DAL,4,0,5,3,5,79,\"(0:05) \"\"Shotgun\"\"\n2nd line\",17,24\n"

const nflWant = "DAL\t1\t0\t0\t0\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1\t0\t0\t0\n" +
	"NYG\t2\t2\t163\t79\t84\t2\t15\t5\t10\t2\t17\t0\t17\t2\t24\t0\t24\n" +
	"rows\t3\tbad_rows\t1\n"

// TestTypedMatchesUntyped holds both variants to hand-computed texts on the
// typed schemas.
func TestTypedMatchesUntyped(t *testing.T) {
	for _, c := range []struct {
		schema, doc, want string
		p                 csvwork.Params
	}{
		{"sales", salesDoc, salesWant, salesParams},
		{"nfl", nflDoc, nflWant, nflParams},
	} {
		for _, lib := range libs {
			got, _ := run(t, lib.lib, c.schema, c.p, []byte(c.doc))
			if got != c.want {
				t.Errorf("%s on %s\n got %q\nwant %q", lib.name, c.schema, got, c.want)
			}
		}
	}
}

// TestTypedStructs: the structs have exactly the README's columns, and the
// key and int columns a row aggregates are among them.
func TestTypedStructs(t *testing.T) {
	for _, c := range []struct {
		row     any
		columns string
		p       csvwork.Params
	}{
		{csvwork.NFLPlay{}, "gameid,qtr,min,sec,off,def,down,togo,ydline,description,offscore,defscore,season", nflParams},
		{csvwork.Sale{}, "order_id,store,customer,product,quantity,price_cents,discount_pct,comment,created_at", salesParams},
	} {
		typ := reflect.TypeOf(c.row)
		var tags []string
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Type.Kind() != reflect.String {
				t.Errorf("%s.%s is %s, want string", typ.Name(), f.Name, f.Type)
			}
			tags = append(tags, f.Tag.Get("csv"))
		}
		if got := strings.Join(tags, ","); got != c.columns {
			t.Errorf("%s columns %s, want %s", typ.Name(), got, c.columns)
		}
	}
}
