//! Checksums on small inline documents, with hand-computed expectations,
//! for all three libraries.

mod common;

use common::{dom_all, map, typed_all};
use xlb_json::{Citm, Order, Orders, Twitter};

#[test]
fn json_stats_counts_every_kind() {
    let doc = r#"{"a":[1,2.5,-3,18446744073709551615,1e3],"b":{"c":null,"d":true,"e":false},
        "s":"héllo","esc":"a\nb\u00e9","empty":[],"eo":{},"k\u00e9y":1}"#;
    let expected = map([
        ("objects", 3), // root, b, eo
        ("arrays", 2),  // a, empty
        ("strings", 2), // "héllo", "a\nbé"
        ("numbers", 6), // five in a, one under "kéy"
        ("bools", 2),
        ("nulls", 1),
        ("members", 10),      // 7 in root + 3 in b
        ("elements", 5),      // 5 in a + 0 in empty
        ("string_bytes", 11), // héllo = 6, a\nbé = 5 (unescaped)
        ("key_bytes", 20),    // a b s esc empty eo kéy = 17, c d e = 3
    ]);
    assert_eq!(dom_all(doc.as_bytes()), expected);
}

#[test]
fn json_stats_counts_a_scalar_root() {
    let got = dom_all(br#""x\"y""#);
    assert_eq!(
        (got["strings"], got["string_bytes"], got["objects"]),
        (1, 3, 0)
    );
    assert_eq!(dom_all(b" 42 ")["numbers"], 1);
}

const ORDER: &str = r#"{"id":1,"status":"paid","created_at":"2024-01-01T00:00:00Z",
  "customer":{"id":7,"name":"Zoë Q","email":"z@example.com","vip":true,
    "address":{"street":"s","city":"c","zip":"z","country":"NL"}},
  "items":[
    {"sku":"A","name":"a","qty":2,"price_cents":150,"tags":["x","y"],"discount":0.1},
    {"sku":"B","name":"b","qty":3,"price_cents":-20,"tags":[],"discount":null},
    {"sku":"C","name":"c","qty":1,"price_cents":5,"tags":["z"]}],
  "total_cents":9223372036854775807,"currency":"EUR","notes":null,
  "metadata":{"source":"web","score":0.5,"flags":[]},"unknown":{"ignored":[1,2]}}"#;

#[test]
fn order_checksum() {
    let expected = map([
        ("items", 3),
        ("qty", 6),
        ("price_cents", 135),
        ("tags", 3),
        ("discounts", 1),  // one null, one absent
        ("name_bytes", 6), // "Zoë Q"
        ("total_cents", i64::MAX),
        ("notes", 0),
    ]);
    assert_eq!(typed_all::<Order>(ORDER.as_bytes()), expected);
}

#[test]
fn orders_checksum_wraps_sums() {
    let second = ORDER
        .replace(r#""notes":null"#, r#""notes":"n""#)
        .replace("9223372036854775807", "1");
    let doc = format!(r#"{{"orders":[{ORDER},{second}],"next_cursor":null,"total":2}}"#);
    let expected = map([
        ("orders", 2),
        ("items", 6),
        ("qty", 12),
        ("price_cents", 270),
        ("tags", 6),
        ("discounts", 2),
        ("name_bytes", 12),
        ("total_cents", i64::MIN), // i64::MAX + 1 wraps
        ("notes", 1),
        ("total", 2),
    ]);
    assert_eq!(typed_all::<Orders>(doc.as_bytes()), expected);
}

/// One status with every required field; `extra` is spliced into the object.
fn status(text: &str, screen_name: &str, followers: i64, retweets: i64, extra: &str) -> String {
    format!(
        r#"{{"created_at":"Sun Aug 31 00:29:15 +0000 2014","id":18446744073709551615,
        "id_str":"18446744073709551615","text":"{text}","source":"web","lang":"en",
        "truncated":false,"favorited":false,"retweeted":false,
        "in_reply_to_status_id_str":null,"in_reply_to_user_id":null,
        "in_reply_to_user_id_str":null,"in_reply_to_screen_name":null,
        "user":{{"id":1,"id_str":"1","name":"N","screen_name":"{screen_name}","location":"",
          "description":"","url":null,"followers_count":{followers},"friends_count":0,
          "listed_count":0,"created_at":"x","favourites_count":0,"utc_offset":null,
          "time_zone":null,"geo_enabled":false,"verified":false,"statuses_count":0,
          "lang":"en","protected":false,"profile_image_url":"u",
          "profile_background_color":"C0DEED","default_profile":true}},
        "retweet_count":{retweets},"favorite_count":0,
        "metadata":{{"result_type":"recent","iso_language_code":"en"}},{extra}}}"#
    )
}

fn entities(hashtags: usize, urls: usize, mentions: usize) -> String {
    let hashtag = r#"{"text":"t","indices":[0,1]}"#;
    let url = r#"{"url":"u","expanded_url":"e","display_url":"d","indices":[2,3]}"#;
    let mention = r#"{"screen_name":"s","name":"n","id_str":"9","id":9,"indices":[4,5]}"#;
    let list = |item: &str, n: usize| vec![item; n].join(",");
    format!(
        r#""entities":{{"hashtags":[{}],"urls":[{}],"user_mentions":[{}]}}"#,
        list(hashtag, hashtags),
        list(url, urls),
        list(mention, mentions)
    )
}

#[test]
fn twitter_checksum_walks_top_level_statuses_only() {
    // The retweeted status has its own hashtags and followers: not counted.
    let inner = status("inner text", "zed", 1000, 50, &entities(5, 5, 5));
    let first = status(
        "hi ✓",
        "al",
        10,
        3,
        &format!(
            r#"{},"in_reply_to_status_id":99,"retweeted_status":{inner},"possibly_sensitive":false"#,
            entities(2, 0, 1)
        ),
    );
    let second = status("yo", "bob", 5, 4, &entities(0, 1, 2));
    let doc = format!(
        r#"{{"statuses":[{first},{second}],"search_metadata":{{"completed_in":0.087,
        "max_id":505874924095815681,"max_id_str":"505874924095815681","next_results":"?n",
        "query":"q","refresh_url":"?r","count":15,"since_id":0,"since_id_str":"0"}}}}"#
    );
    let expected = map([
        ("statuses", 2),
        ("text_bytes", 8), // "hi ✓" = 6, "yo" = 2
        ("followers", 15),
        ("hashtags", 2),
        ("mentions", 3),
        ("urls", 1),
        ("retweets", 7),
        ("replies", 1), // second status has no in_reply_to_status_id at all
        ("retweeted_statuses", 1),
        ("screen_name_bytes", 5),
        ("search_count", 15),
    ]);
    assert_eq!(typed_all::<Twitter>(doc.as_bytes()), expected);
}

#[test]
fn citm_checksum() {
    let doc = r#"{"areaNames":{"1":"A","2":"B"},"audienceSubCategoryNames":{},
      "seatCategoryNames":{},"subTopicNames":{},"topicNames":{},"venueNames":{"V":"Venue"},
      "events":{
        "10":{"id":10,"name":"Café","logo":null,"description":null,"subtitle":null,
              "subjectCode":null,"topicIds":[1,2,3],"subTopicIds":[4]},
        "11":{"id":11,"name":"Opera","topicIds":[],"subTopicIds":[]}},
      "performances":[
        {"id":1,"eventId":10,"start":1000,"logo":null,"name":null,"seatMapImage":null,
         "venueCode":"V",
         "prices":[{"amount":50,"audienceSubCategoryId":1,"seatCategoryId":2},
                   {"amount":70,"audienceSubCategoryId":1,"seatCategoryId":3}],
         "seatCategories":[{"seatCategoryId":2,"areas":[{"areaId":1,"blockIds":[]},
                                                        {"areaId":2,"blockIds":[1]}]},
                           {"seatCategoryId":3,"areas":[{"areaId":3,"blockIds":[]}]}]},
        {"id":2,"eventId":11,"start":2000,"venueCode":"V","prices":[],"seatCategories":[]}],
      "topicSubTopics":{"1":[4,5],"2":[],"3":[6]}}"#;
    let expected = map([
        ("events", 2),
        ("event_name_bytes", 10), // "Café" = 5, "Opera" = 5
        ("topic_ids", 3),
        ("performances", 2),
        ("prices", 2),
        ("price_amount", 120),
        ("areas", 3),
        ("start_sum", 3000),
        ("area_names", 2),
        ("topic_sub_topics", 3),
    ]);
    assert_eq!(typed_all::<Citm>(doc.as_bytes()), expected);
}
