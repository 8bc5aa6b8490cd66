//! What each method of `Bench` answers (workloads/grpc/bench.proto).

use std::pin::Pin;

use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

use crate::pb::bench_server::Bench;
use crate::pb::{CollectReply, Item, StreamRequest};

/// The `sum` of every returned Item: the values added with two's-complement
/// wrap-around, as Go's int64 addition and the harness compute it.
pub fn sum(values: &[i64]) -> i64 {
    values.iter().fold(0i64, |acc, &v| acc.wrapping_add(v))
}

/// `item` with its `sum` set.
fn answered(mut item: Item) -> Item {
    item.sum = sum(&item.values);
    item
}

type ItemStream = Pin<Box<dyn Stream<Item = Result<Item, Status>> + Send + 'static>>;

/// The Bench service; stateless.
#[derive(Debug, Default, Clone, Copy)]
pub struct BenchService;

#[tonic::async_trait]
impl Bench for BenchService {
    async fn echo(&self, request: Request<Item>) -> Result<Response<Item>, Status> {
        Ok(Response::new(answered(request.into_inner())))
    }

    type StreamStream = ItemStream;

    /// `count` Items, ids item.id, item.id + 1, ... (wrapping past 2^64 - 1),
    /// made as tonic asks for them.
    async fn stream(
        &self,
        request: Request<StreamRequest>,
    ) -> Result<Response<Self::StreamStream>, Status> {
        let StreamRequest { item, count } = request.into_inner();
        let first = answered(item.unwrap_or_default());
        let items = (0..u64::from(count)).map(move |i| {
            Ok(Item {
                id: first.id.wrapping_add(i),
                ..first.clone()
            })
        });
        Ok(Response::new(Box::pin(tokio_stream::iter(items))))
    }

    async fn collect(
        &self,
        request: Request<Streaming<Item>>,
    ) -> Result<Response<CollectReply>, Status> {
        let mut items = request.into_inner();
        let mut reply = CollectReply::default();
        while let Some(item) = items.message().await? {
            reply.count += 1;
            reply.sum = reply.sum.wrapping_add(sum(&item.values));
            reply.last_id = item.id;
        }
        Ok(Response::new(reply))
    }

    type ChatStream = ItemStream;

    /// Each Item answered as it arrives, in order; a broken request stream
    /// ends the answers with its status.
    async fn chat(
        &self,
        request: Request<Streaming<Item>>,
    ) -> Result<Response<Self::ChatStream>, Status> {
        let answers = request.into_inner().map(|item| item.map(answered));
        Ok(Response::new(Box::pin(answers)))
    }
}
