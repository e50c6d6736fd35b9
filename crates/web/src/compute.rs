//! Heavy work off the async threads: a permit of the heavy-request semaphore, a blocking
//! thread, and the deadline.

use crate::State;
use crate::error::ApiError;

/// Runs `work` on a blocking thread once a permit is free, and answers 503 when it takes longer
/// than the deadline. The permit is held by the work itself, so an abandoned computation still
/// counts against the cap until it ends (the engine cannot be interrupted).
pub async fn heavy<T: Send + 'static>(
    state: &State,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let deadline = state.config.deadline;
    let started = tokio::time::Instant::now();
    let permit = tokio::time::timeout(deadline, state.heavy.clone().acquire_owned())
        .await
        .map_err(|_| busy(deadline))?
        .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
    let task = tokio::task::spawn_blocking(move || {
        let result = work();
        drop(permit);
        result
    });
    let left = deadline.saturating_sub(started.elapsed());
    match tokio::time::timeout(left, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(ApiError::undefined("the computation failed unexpectedly")),
        Err(_) => Err(ApiError::unavailable(format!(
            "the computation took longer than the deadline of {} s; ask for fewer trials or grid points",
            deadline.as_secs_f64()
        ))),
    }
}

fn busy(deadline: std::time::Duration) -> ApiError {
    ApiError::unavailable(format!(
        "the server is busy with other analyses (waited {} s); try again",
        deadline.as_secs_f64()
    ))
}
