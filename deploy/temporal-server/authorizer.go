package main

import (
	"context"

	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
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
// (the frontend answers PermissionDenied). A refusal of a worker-role caller says why and is
// logged with the call's name, so a worker that needs a call not listed here is found at once.
type workerRoleAuthorizer struct {
	defaults authorization.Authorizer
	logger   log.Logger
}

func newWorkerRoleAuthorizer(logger log.Logger) authorization.Authorizer {
	return &workerRoleAuthorizer{defaults: authorization.NewDefaultAuthorizer(), logger: logger}
}

const workerRoleRefusal = "the worker permission covers taking and completing tasks only"

func (a *workerRoleAuthorizer) Authorize(ctx context.Context, claims *authorization.Claims, target *authorization.CallTarget) (authorization.Result, error) {
	result, err := a.defaults.Authorize(ctx, claims, target)
	if err != nil || result.Decision == authorization.DecisionAllow {
		return result, err
	}
	if claims == nil || (claims.System|claims.Namespaces[target.Namespace])&authorization.RoleWorker == 0 {
		return result, nil
	}
	if workerAPIs[target.APIName] && api.GetMethodMetadata(target.APIName).Scope == api.ScopeNamespace {
		return authorization.Result{Decision: authorization.DecisionAllow}, nil
	}
	a.logger.Warn("Refused a call to a caller with the worker role.", tag.Operation(target.APIName), tag.WorkflowNamespace(target.Namespace), tag.NewStringTag("subject", claims.Subject))
	return authorization.Result{Decision: authorization.DecisionDeny, Reason: workerRoleRefusal}, nil
}
