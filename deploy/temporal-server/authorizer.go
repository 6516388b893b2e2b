package main

import (
	"context"

	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
)

// The name production.yaml gives `authorizer` to choose this one. The stock server does not know
// it and refuses to start, rather than quietly running with rules under which our worker cannot poll.
const workerRoleAuthorizerName = "worker-role"

// The calls a worker makes to run tasks it was handed: take tasks from its queues, report their
// results, heartbeats and query answers, and say when it stops. Each carries a task token or
// names a task queue; none starts, signals, updates, cancels or terminates a workflow. What the
// worker reads besides (DescribeNamespace, history pages, counts) its `read` permission covers.
var workerAPIs = map[string]bool{
	api.WorkflowServicePrefix + "PollWorkflowTaskQueue":        true,
	api.WorkflowServicePrefix + "RespondWorkflowTaskCompleted": true,
	api.WorkflowServicePrefix + "RespondWorkflowTaskFailed":    true,
	api.WorkflowServicePrefix + "RespondQueryTaskCompleted":    true,
	api.WorkflowServicePrefix + "ResetStickyTaskQueue":         true,
	api.WorkflowServicePrefix + "PollActivityTaskQueue":        true,
	api.WorkflowServicePrefix + "RecordActivityTaskHeartbeat":  true,
	api.WorkflowServicePrefix + "RespondActivityTaskCompleted": true,
	api.WorkflowServicePrefix + "RespondActivityTaskFailed":    true,
	api.WorkflowServicePrefix + "RespondActivityTaskCanceled":  true,
	api.WorkflowServicePrefix + "PollNexusTaskQueue":           true,
	api.WorkflowServicePrefix + "RespondNexusTaskCompleted":    true,
	api.WorkflowServicePrefix + "RespondNexusTaskFailed":       true,
	api.WorkflowServicePrefix + "RecordWorkerHeartbeat":        true,
	api.WorkflowServicePrefix + "ShutdownWorker":               true,
}

// workerRoleAuthorizer is Temporal's default authorizer with the worker role given a meaning. The
// default compares roles as numbers, so `worker` (the lowest) can do nothing and a worker needs
// `write`, which also lets it start, signal and terminate any workflow of the namespace. Here a
// caller whose role in the namespace (or system-wide) has the worker bit may also make the worker
// calls above; everything else is decided by the default rules, and a refusal stays a refusal
// (the frontend answers PermissionDenied).
type workerRoleAuthorizer struct {
	defaults authorization.Authorizer
}

func newWorkerRoleAuthorizer() authorization.Authorizer {
	return &workerRoleAuthorizer{defaults: authorization.NewDefaultAuthorizer()}
}

func (a *workerRoleAuthorizer) Authorize(ctx context.Context, claims *authorization.Claims, target *authorization.CallTarget) (authorization.Result, error) {
	result, err := a.defaults.Authorize(ctx, claims, target)
	if err != nil || result.Decision == authorization.DecisionAllow {
		return result, err
	}
	if claims == nil || !workerAPIs[target.APIName] || api.GetMethodMetadata(target.APIName).Scope != api.ScopeNamespace {
		return result, nil
	}
	if (claims.System|claims.Namespaces[target.Namespace])&authorization.RoleWorker != 0 {
		return authorization.Result{Decision: authorization.DecisionAllow}, nil
	}
	return result, nil
}
