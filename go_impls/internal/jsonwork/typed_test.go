package jsonwork_test

import (
	"maps"
	"math"
	"strings"
	"testing"

	"xlbench/internal/jsonwork"
)

const orderA = `{"id":1,"status":"paid","created_at":"2024-01-01T00:00:00Z",
 "customer":{"id":7,"name":"Zo\u00eb \u00dcnal","email":"z@example.com","vip":true,
  "address":{"street":"1 Main","city":"X","zip":"1","country":"DE"}},
 "items":[
  {"sku":"A","name":"a","qty":2,"price_cents":150,"tags":["x","y"],"discount":0.1},
  {"sku":"B","name":"b","qty":3,"price_cents":999,"tags":[],"discount":null},
  {"sku":"C","name":"c","qty":1,"price_cents":1,"tags":["z"]}],
 "total_cents":3298,"currency":"EUR","notes":null,
 "metadata":{"source":"web","score":0.5,"flags":["a"]},"extra":{"ignored":[1]}}`

const orderB = `{"id":2,"status":"new","created_at":"","customer":{"id":8,"name":"Al","email":"",
 "vip":false,"address":{"street":"","city":"","zip":"","country":""}},
 "items":[],"total_cents":-5,"currency":"EUR","notes":"hi","metadata":{"source":"","score":0,"flags":[]}}`

const twitterDoc = `{"statuses":[
 {"id":1,"id_str":"1","text":"h\u00e9llo #go","lang":"en",
  "user":{"id":10,"screen_name":"ann","followers_count":5,"url":null,"utc_offset":-3600},
  "entities":{"hashtags":[{"text":"go","indices":[6,9]}],"urls":[],
   "user_mentions":[{"screen_name":"bob","name":"Bob","id":11,"id_str":"11","indices":[0,4]}]},
  "retweet_count":2,"in_reply_to_status_id":null,
  "retweeted_status":{"id":3,"text":"inner","user":{"screen_name":"zed","followers_count":1000},
   "entities":{"hashtags":[{"text":"x","indices":[0,1]}],"urls":[],"user_mentions":[]},
   "retweet_count":100,"in_reply_to_status_id":9},
  "metadata":{"result_type":"recent","iso_language_code":"en"}},
 {"id":18446744073709551615,"text":"","user":{"screen_name":"bo","followers_count":7},
  "entities":{"hashtags":[],"urls":[{"url":"u","expanded_url":"e","display_url":"d","indices":[0,1]}],"user_mentions":[]},
  "retweet_count":3,"in_reply_to_status_id":12345678901234567890,"retweeted_status":null,
  "possibly_sensitive":false}],
 "search_metadata":{"count":15,"max_id":18446744073709551615,"completed_in":0.1,"since_id":0}}`

const citmDoc = `{"areaNames":{"1":"A","2":"B"},"audienceSubCategoryNames":{},"seatCategoryNames":{},
 "subTopicNames":{},"topicNames":{},"venueNames":{"V":"Venue"},
 "events":{
  "10":{"id":10,"name":"Op\u00e9ra","logo":null,"topicIds":[1,2],"subTopicIds":[]},
  "11":{"id":11,"name":"X","description":"d","subtitle":null,"topicIds":[],"subTopicIds":[3]}},
 "performances":[
  {"id":1,"eventId":10,"start":1000,"venueCode":"V",
   "prices":[{"amount":50,"audienceSubCategoryId":1,"seatCategoryId":2},
             {"amount":25,"audienceSubCategoryId":1,"seatCategoryId":3}],
   "seatCategories":[{"seatCategoryId":2,"areas":[{"areaId":1,"blockIds":[]},{"areaId":2,"blockIds":[1]}]},
                     {"seatCategoryId":3,"areas":[]}]},
  {"id":2,"eventId":11,"start":2000,"name":null,"venueCode":"V","prices":[],"seatCategories":[]}],
 "topicSubTopics":{"1":[5,6],"2":[],"3":[7]}}`

// Expected values are counted by hand from the documents above.
var typedCases = []struct {
	schema, doc string
	want        map[string]int64
}{
	{"order", orderA, map[string]int64{
		"items": 3, "qty": 6, "price_cents": 1150, "tags": 3, "discounts": 1,
		"name_bytes":  10, // Zoë Ünal: ë and Ü are 2 bytes each
		"total_cents": 3298, "notes": 0,
	}},
	{"orders", `{"orders":[` + orderA + `,` + orderB + `],"next_cursor":null,"total":2}`, map[string]int64{
		"orders": 2, "items": 3, "qty": 6, "price_cents": 1150, "tags": 3, "discounts": 1,
		"name_bytes": 12, "total_cents": 3293, "notes": 1, "total": 2,
	}},
	{"twitter", twitterDoc, map[string]int64{
		// The retweeted_status body is not descended into.
		"statuses": 2, "text_bytes": 10, "followers": 12, "hashtags": 1, "mentions": 1,
		"urls": 1, "retweets": 5, "replies": 1, "retweeted_statuses": 1,
		"screen_name_bytes": 5, "search_count": 15,
	}},
	{"citm", citmDoc, map[string]int64{
		"events": 2, "event_name_bytes": 7, "topic_ids": 2, "performances": 2, "prices": 2,
		"price_amount": 75, "areas": 2, "start_sum": 3000, "area_names": 2, "topic_sub_topics": 3,
	}},
	{"orders", `{"orders":[{"total_cents":9223372036854775807},{"total_cents":1}],"total":0}`, map[string]int64{
		"orders": 2, "items": 0, "qty": 0, "price_cents": 0, "tags": 0, "discounts": 0,
		"name_bytes": 0, "total_cents": math.MinInt64, "notes": 0, "total": 0, // sums wrap
	}},
}

func TestTypedChecksumsInline(t *testing.T) {
	aggs := workloadAggregates(t)
	for _, c := range typedCases {
		if byPath := pathChecksum(t, []byte(c.doc), aggs[c.schema]); !maps.Equal(byPath, c.want) {
			t.Errorf("%s: workload.json paths give %v, hand count %v", c.schema, byPath, c.want)
		}
		for _, lib := range libs {
			if got := runOnce(t, "typed", c.schema, []byte(c.doc), lib.unmarshal); !maps.Equal(got, c.want) {
				t.Errorf("%s %s: got %v, want %v", lib.name, c.schema, got, c.want)
			}
		}
	}
}

func TestTypedKeysMatchWorkload(t *testing.T) {
	for schema, aggs := range workloadAggregates(t) {
		doc := map[string]string{"order": orderA, "orders": `{"orders":[]}`, "twitter": twitterDoc, "citm": citmDoc}[schema]
		got := runOnce(t, "typed", schema, []byte(doc), libs[0].unmarshal)
		if len(got) != len(aggs) {
			t.Errorf("%s: %d keys, workload.json has %d", schema, len(got), len(aggs))
		}
		for _, a := range aggs {
			if _, ok := got[a.Key]; !ok {
				t.Errorf("%s: key %q missing", schema, a.Key)
			}
		}
	}
}

func TestNewOpRejects(t *testing.T) {
	if _, err := jsonwork.NewOp("typed", "nope", nil, libs[0].unmarshal); err == nil || !strings.Contains(err.Error(), "schema") {
		t.Errorf("unknown schema: %v", err)
	}
	if _, err := jsonwork.NewOp("tree", "", nil, libs[0].unmarshal); err == nil || !strings.Contains(err.Error(), "mode") {
		t.Errorf("unknown mode: %v", err)
	}
}

func TestParseErrorReachesCheck(t *testing.T) {
	for _, lib := range libs {
		op, err := jsonwork.NewOp("typed", "order", []byte(`{"id":`), lib.unmarshal)
		if err != nil {
			t.Fatal(err)
		}
		op.Run()
		if _, err := op.Check(); err == nil {
			t.Errorf("%s: truncated input gave no error", lib.name)
		}
	}
}
