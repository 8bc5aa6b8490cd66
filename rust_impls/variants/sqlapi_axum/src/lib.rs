//! The Rust service of the sql-api workload (workloads/sql-api): a small JSON
//! API over the `users` table, with axum routing and a deadpool-postgres pool
//! of tokio-postgres connections. The harness creates and fills the table;
//! the service only reads and inserts rows. Same API as the Go service:
//!
//! - `GET /users/{id}`: one row by primary key: 200, 404 when absent, 400 for a bad id
//! - `GET /users?limit=N&after=K`: rows with id > K (default 0) in id order, N in 1..=100 (default 10)
//! - `POST /users`: insert `{"name","email","city","age","active"}`: 201 with the row

use anyhow::{bail, Context, Result};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tokio_postgres::{NoTls, Row};

pub const DEFAULT_LIMIT: i64 = 10;
pub const MAX_LIMIT: i64 = 100;

const SELECT_ONE: &str = "SELECT id, name, email, city, age, active FROM users WHERE id = $1";
const SELECT_PAGE: &str =
    "SELECT id, name, email, city, age, active FROM users WHERE id > $1 ORDER BY id LIMIT $2";
const INSERT_ONE: &str =
    "INSERT INTO users (name, email, city, age, active) VALUES ($1, $2, $3, $4, $5) \
                          RETURNING id, name, email, city, age, active";

/// One row, in the column order of the JSON object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub city: String,
    pub age: i32,
    pub active: bool,
}

impl User {
    fn from_row(row: &Row) -> Result<User, tokio_postgres::Error> {
        Ok(User {
            id: row.try_get(0)?,
            name: row.try_get(1)?,
            email: row.try_get(2)?,
            city: row.try_get(3)?,
            age: row.try_get(4)?,
            active: row.try_get(5)?,
        })
    }
}

/// The POST /users body: every field required, unknown fields ignored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NewUser {
    pub name: String,
    pub email: String,
    pub city: String,
    pub age: i32,
    pub active: bool,
}

/// What the service reads from the request's params.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `params.database_url`, set by the harness to its throwaway cluster.
    pub database_url: String,
    /// `params.pool_size`: connections in the pool, the same in both languages.
    pub pool_size: usize,
}

impl Config {
    pub fn from_params(params: &Map<String, Value>) -> Result<Config> {
        let database_url = match params.get("database_url") {
            Some(Value::String(url)) if !url.is_empty() => url.clone(),
            _ => bail!("params.database_url: must be a non-empty string"),
        };
        let pool_size = match params.get("pool_size").and_then(Value::as_i64) {
            Some(n) if (1..=1000).contains(&n) => n as usize,
            Some(n) => bail!("params.pool_size: must be in 1..1000, got {n}"),
            None => bail!("params.pool_size: must be an integer"),
        };
        Ok(Config {
            database_url,
            pool_size,
        })
    }
}

/// A pool of exactly `config.pool_size` connections, all opened (each after a
/// round trip) before it is returned, so no connection is set up during a
/// measurement and a wrong URL fails at start. `search_path` is for tests.
pub async fn open_pool(config: &Config, search_path: Option<&str>) -> Result<Pool> {
    let mut pg: tokio_postgres::Config =
        config.database_url.parse().context("params.database_url")?;
    if let Some(schema) = search_path {
        pg.options(format!("-c search_path={schema}"));
    }
    // Fast recycling: no health-check query per checkout (pgxpool sends none either).
    let manager = Manager::from_config(
        pg,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(config.pool_size)
        .build()
        .context("building the connection pool")?;
    let mut held = Vec::with_capacity(config.pool_size);
    for _ in 0..config.pool_size {
        let client = pool.get().await.context("connecting to the database")?;
        client
            .simple_query("SELECT 1")
            .await
            .context("connecting to the database")?;
        held.push(client);
    }
    drop(held);
    Ok(pool)
}

/// The API on an axum `Router`.
pub fn app(pool: Pool) -> Router {
    Router::new()
        .route("/users/{id}", get(get_user))
        .route("/users", get(list_users).post(create_user))
        .with_state(pool)
}

/// A JSON error body `{"error": "..."}` with its status.
pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(serde_json::json!({ "error": self.1 }))).into_response()
    }
}

impl<E: std::fmt::Display> From<E> for ApiError {
    fn from(err: E) -> ApiError {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, err.to_string())
    }
}

fn bad_request(message: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, message.into())
}

async fn get_user(
    State(pool): State<Pool>,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    let id: i64 = id
        .parse()
        .map_err(|_| bad_request("id must be an integer"))?;
    let client = pool.get().await?;
    let statement = client.prepare_cached(SELECT_ONE).await?;
    match client.query_opt(&statement, &[&id]).await? {
        Some(row) => Ok(Json(User::from_row(&row)?)),
        None => Err(ApiError(
            StatusCode::NOT_FOUND,
            format!("user {id} not found"),
        )),
    }
}

/// `limit` and `after` from a raw query string; the same rules as Go's ParsePage.
pub fn parse_page(query: Option<&str>) -> Result<(i64, i64), String> {
    let (mut limit, mut after) = (DEFAULT_LIMIT, 0i64);
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "limit" if !value.is_empty() => {
                limit = match value.parse::<i64>() {
                    Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                    _ => return Err(format!("limit must be an integer in 1..{MAX_LIMIT}")),
                }
            }
            "after" if !value.is_empty() => {
                after = match value.parse::<i64>() {
                    Ok(n) if n >= 0 => n,
                    _ => return Err("after must be a non-negative integer".to_string()),
                }
            }
            _ => {}
        }
    }
    Ok((limit, after))
}

async fn list_users(
    State(pool): State<Pool>,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<User>>, ApiError> {
    let (limit, after) = parse_page(query.as_deref()).map_err(bad_request)?;
    let client = pool.get().await?;
    let statement = client.prepare_cached(SELECT_PAGE).await?;
    let rows = client.query(&statement, &[&after, &limit]).await?;
    let users = rows
        .iter()
        .map(User::from_row)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(users))
}

/// The body is decoded with serde_json whatever its Content-Type (as in Go);
/// a body that is not a `NewUser` is a 400.
async fn create_user(
    State(pool): State<Pool>,
    body: Bytes,
) -> Result<(StatusCode, Json<User>), ApiError> {
    let new: NewUser = serde_json::from_slice(&body)
        .map_err(|err| bad_request(format!("invalid JSON body: {err}")))?;
    let client = pool.get().await?;
    let statement = client.prepare_cached(INSERT_ONE).await?;
    let row = client
        .query_one(
            &statement,
            &[&new.name, &new.email, &new.city, &new.age, &new.active],
        )
        .await?;
    Ok((StatusCode::CREATED, Json(User::from_row(&row)?)))
}
