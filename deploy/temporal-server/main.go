// Command temporal-server is Temporal's server v1.29.1 as its own cmd/server runs it (the same
// flags: --root, --config, --env, --zone, --allow-no-auth, and `start` with --service), with one
// difference: the config may name our authorizer, `worker-role` (authorizer.go), which lets a
// worker poll and complete tasks without the `write` permission that would let it start and
// signal workflows too. Every other authorizer name, and the claim and audience mappers, are
// Temporal's own.
package main

import (
	"fmt"
	"os"
	"path"
	"strings"
	_ "time/tzdata" // the server needs time zones even where the system has none

	"github.com/urfave/cli/v2"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/headers"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/postgresql" // our only store
	"go.temporal.io/server/temporal"
)

func main() {
	_ = app().Run(os.Args)
}

func app() *cli.App {
	return &cli.App{
		Name:      "temporal-server",
		Usage:     "Temporal server with the worker-role authorizer",
		Version:   headers.ServerVersion,
		ArgsUsage: " ",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "root", Aliases: []string{"r"}, Value: ".", Usage: "root directory of execution environment", EnvVars: []string{config.EnvKeyRoot}},
			&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Value: "config", Usage: "config dir path relative to root", EnvVars: []string{config.EnvKeyConfigDir}},
			&cli.StringFlag{Name: "env", Aliases: []string{"e"}, Value: "development", Usage: "runtime environment", EnvVars: []string{config.EnvKeyEnvironment}},
			&cli.StringFlag{Name: "zone", Aliases: []string{"az"}, Usage: "availability zone", EnvVars: []string{config.EnvKeyAvailabilityZone, config.EnvKeyAvailabilityZoneTypo}},
			&cli.BoolFlag{Name: "allow-no-auth", Usage: "allow no authorizer", EnvVars: []string{config.EnvKeyAllowNoAuth}},
		},
		Commands: []*cli.Command{{
			Name:      "start",
			Usage:     "Start Temporal server",
			ArgsUsage: " ",
			Flags: []cli.Flag{
				&cli.StringSliceFlag{Name: "service", Aliases: []string{"svc"}, Value: cli.NewStringSlice(temporal.DefaultServices...), Usage: "service(s) to start"},
			},
			Before: func(c *cli.Context) error {
				if c.Args().Len() > 0 {
					return cli.Exit("ERROR: start takes no arguments; name services with --service.", 1)
				}
				return nil
			},
			Action: start,
		}},
	}
}

func start(c *cli.Context) error {
	cfg, err := config.LoadConfig(c.String("env"), path.Join(c.String("root"), c.String("config")), c.String("zone"))
	if err != nil {
		return cli.Exit(fmt.Sprintf("Unable to load configuration: %v.", err), 1)
	}
	logger := log.NewZapLogger(log.BuildZapLogger(cfg.Log))
	logger.Info("Build info.", tag.NewStringTag("server-version", headers.ServerVersion), tag.NewStringTag("authorizer", cfg.Global.Authorization.Authorizer))

	var dynamicConfigClient dynamicconfig.Client
	if cfg.DynamicConfigClient != nil {
		dynamicConfigClient, err = dynamicconfig.NewFileBasedClient(cfg.DynamicConfigClient, logger, temporal.InterruptCh())
		if err != nil {
			return cli.Exit(fmt.Sprintf("Unable to create dynamic config client. Error: %v", err), 1)
		}
	} else {
		dynamicConfigClient = dynamicconfig.NewNoopClient()
	}

	authorizer, err := authorizerFromConfig(&cfg.Global.Authorization, logger)
	if err != nil {
		return cli.Exit(fmt.Sprintf("Unable to instantiate authorizer. Error: %v", err), 1)
	}
	if authorization.IsNoopAuthorizer(authorizer) && !c.Bool("allow-no-auth") {
		logger.Warn("Not using any authorizer and flag `--allow-no-auth` not detected.")
	}
	claimMapper, err := authorization.GetClaimMapperFromConfig(&cfg.Global.Authorization, logger)
	if err != nil {
		return cli.Exit(fmt.Sprintf("Unable to instantiate claim mapper: %v.", err), 1)
	}
	audienceMapper, err := authorization.GetAudienceMapperFromConfig(&cfg.Global.Authorization)
	if err != nil {
		return cli.Exit(fmt.Sprintf("Unable to instantiate audience mapper: %v.", err), 1)
	}

	s, err := temporal.NewServer(
		temporal.ForServices(c.StringSlice("service")),
		temporal.WithConfig(cfg),
		temporal.WithDynamicConfigClient(dynamicConfigClient),
		temporal.WithLogger(logger),
		temporal.InterruptOn(temporal.InterruptCh()),
		temporal.WithAuthorizer(authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claimMapper }),
		temporal.WithAudienceGetter(func(*config.Config) authorization.JWTAudienceMapper { return audienceMapper }),
	)
	if err != nil {
		return cli.Exit(fmt.Sprintf("Unable to create server. Error: %v.", err), 1)
	}
	if err := s.Start(); err != nil {
		return cli.Exit(fmt.Sprintf("Unable to start server. Error: %v", err), 1)
	}
	return cli.Exit("All services are stopped.", 0)
}

// Ours by its name; any other name as Temporal's server reads it ("" none, "default" the default).
func authorizerFromConfig(cfg *config.Authorization, logger log.Logger) (authorization.Authorizer, error) {
	if strings.EqualFold(cfg.Authorizer, workerRoleAuthorizerName) {
		return newWorkerRoleAuthorizer(logger), nil
	}
	return authorization.GetAuthorizerFromConfig(cfg)
}
