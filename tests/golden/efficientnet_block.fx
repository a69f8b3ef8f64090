EfficientNetBlock(
  (stem): Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
  (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (act): SiLU()
  (blocks): Module(
    (0): Module(
      (conv_pw): Conv2d(16, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv_dw): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=16, bias=False)
      (bn2): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (se): Module(
        (pool): AdaptiveAvgPool2d(output_size=1)
        (reduce): Conv2d(16, 4, kernel_size=(1, 1), stride=(1, 1))
        (act): SiLU(inplace=True)
        (expand): Conv2d(4, 16, kernel_size=(1, 1), stride=(1, 1))
        (gate): Sigmoid()
      )
      (conv_pwl): Conv2d(16, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn3): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
    (1): Module(
      (conv_pw): Conv2d(16, 64, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv_dw): Conv2d(64, 64, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=64, bias=False)
      (bn2): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (se): Module(
        (pool): AdaptiveAvgPool2d(output_size=1)
        (reduce): Conv2d(64, 4, kernel_size=(1, 1), stride=(1, 1))
        (act): SiLU(inplace=True)
        (expand): Conv2d(4, 64, kernel_size=(1, 1), stride=(1, 1))
      )
      (conv_pwl): Conv2d(64, 24, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn3): BatchNorm2d(24, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
    (2): Module(
      (conv_pw): Conv2d(24, 96, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn1): BatchNorm2d(96, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv_dw): Conv2d(96, 96, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2), groups=96, bias=False)
      (bn2): BatchNorm2d(96, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (se): Module(
        (pool): AdaptiveAvgPool2d(output_size=1)
        (reduce): Conv2d(96, 6, kernel_size=(1, 1), stride=(1, 1))
        (act): SiLU(inplace=True)
        (expand): Conv2d(6, 96, kernel_size=(1, 1), stride=(1, 1))
      )
      (conv_pwl): Conv2d(96, 24, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn3): BatchNorm2d(24, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
  )
  (pool): AdaptiveAvgPool2d(output_size=1)
  (fc): Linear(in_features=24, out_features=10, bias=True)
)



def forward(self, x):
    stem = self.stem(x);  x = None
    bn = self.bn(stem);  stem = None
    act = self.act(bn);  bn = None
    blocks_0_conv_pw = getattr(self.blocks, "0").conv_pw(act)
    blocks_0_bn1 = getattr(self.blocks, "0").bn1(blocks_0_conv_pw);  blocks_0_conv_pw = None
    silu = torch.nn.functional.silu(blocks_0_bn1, inplace = False);  blocks_0_bn1 = None
    blocks_0_conv_dw = getattr(self.blocks, "0").conv_dw(silu);  silu = None
    blocks_0_bn2 = getattr(self.blocks, "0").bn2(blocks_0_conv_dw);  blocks_0_conv_dw = None
    silu_1 = torch.nn.functional.silu(blocks_0_bn2, inplace = True);  blocks_0_bn2 = None
    blocks_0_se_pool = getattr(self.blocks, "0").se.pool(silu_1)
    blocks_0_se_reduce = getattr(self.blocks, "0").se.reduce(blocks_0_se_pool);  blocks_0_se_pool = None
    blocks_0_se_act = getattr(self.blocks, "0").se.act(blocks_0_se_reduce);  blocks_0_se_reduce = None
    blocks_0_se_expand = getattr(self.blocks, "0").se.expand(blocks_0_se_act);  blocks_0_se_act = None
    blocks_0_se_gate = getattr(self.blocks, "0").se.gate(blocks_0_se_expand);  blocks_0_se_expand = None
    mul = silu_1 * blocks_0_se_gate;  silu_1 = blocks_0_se_gate = None
    blocks_0_conv_pwl = getattr(self.blocks, "0").conv_pwl(mul);  mul = None
    blocks_0_bn3 = getattr(self.blocks, "0").bn3(blocks_0_conv_pwl);  blocks_0_conv_pwl = None
    add = blocks_0_bn3 + act;  blocks_0_bn3 = act = None
    blocks_1_conv_pw = getattr(self.blocks, "1").conv_pw(add);  add = None
    blocks_1_bn1 = getattr(self.blocks, "1").bn1(blocks_1_conv_pw);  blocks_1_conv_pw = None
    silu_2 = torch.nn.functional.silu(blocks_1_bn1, inplace = False);  blocks_1_bn1 = None
    blocks_1_conv_dw = getattr(self.blocks, "1").conv_dw(silu_2);  silu_2 = None
    blocks_1_bn2 = getattr(self.blocks, "1").bn2(blocks_1_conv_dw);  blocks_1_conv_dw = None
    silu_3 = torch.nn.functional.silu(blocks_1_bn2, inplace = True);  blocks_1_bn2 = None
    blocks_1_se_pool = getattr(self.blocks, "1").se.pool(silu_3)
    blocks_1_se_reduce = getattr(self.blocks, "1").se.reduce(blocks_1_se_pool);  blocks_1_se_pool = None
    blocks_1_se_act = getattr(self.blocks, "1").se.act(blocks_1_se_reduce);  blocks_1_se_reduce = None
    blocks_1_se_expand = getattr(self.blocks, "1").se.expand(blocks_1_se_act);  blocks_1_se_act = None
    sigmoid = torch.sigmoid(blocks_1_se_expand);  blocks_1_se_expand = None
    mul_1 = sigmoid * silu_3;  sigmoid = silu_3 = None
    blocks_1_conv_pwl = getattr(self.blocks, "1").conv_pwl(mul_1);  mul_1 = None
    blocks_1_bn3 = getattr(self.blocks, "1").bn3(blocks_1_conv_pwl);  blocks_1_conv_pwl = None
    blocks_2_conv_pw = getattr(self.blocks, "2").conv_pw(blocks_1_bn3)
    blocks_2_bn1 = getattr(self.blocks, "2").bn1(blocks_2_conv_pw);  blocks_2_conv_pw = None
    silu_4 = torch.nn.functional.silu(blocks_2_bn1, inplace = False);  blocks_2_bn1 = None
    blocks_2_conv_dw = getattr(self.blocks, "2").conv_dw(silu_4);  silu_4 = None
    blocks_2_bn2 = getattr(self.blocks, "2").bn2(blocks_2_conv_dw);  blocks_2_conv_dw = None
    silu_5 = torch.nn.functional.silu(blocks_2_bn2, inplace = True);  blocks_2_bn2 = None
    blocks_2_se_pool = getattr(self.blocks, "2").se.pool(silu_5)
    blocks_2_se_reduce = getattr(self.blocks, "2").se.reduce(blocks_2_se_pool);  blocks_2_se_pool = None
    blocks_2_se_act = getattr(self.blocks, "2").se.act(blocks_2_se_reduce);  blocks_2_se_reduce = None
    blocks_2_se_expand = getattr(self.blocks, "2").se.expand(blocks_2_se_act);  blocks_2_se_act = None
    sigmoid_1 = blocks_2_se_expand.sigmoid();  blocks_2_se_expand = None
    mul_2 = silu_5 * sigmoid_1;  silu_5 = sigmoid_1 = None
    blocks_2_conv_pwl = getattr(self.blocks, "2").conv_pwl(mul_2);  mul_2 = None
    blocks_2_bn3 = getattr(self.blocks, "2").bn3(blocks_2_conv_pwl);  blocks_2_conv_pwl = None
    add_1 = blocks_2_bn3 + blocks_1_bn3;  blocks_2_bn3 = blocks_1_bn3 = None
    mul_3 = 0.5 * add_1
    mul_4 = add_1 * 2;  add_1 = None
    sub = mul_3 - 1.0;  mul_3 = None
    sub_1 = 1.0 - mul_4;  mul_4 = None
    add_2 = sub + sub_1;  sub = sub_1 = None
    pool = self.pool(add_2);  add_2 = None
    flatten = torch.flatten(pool, 1);  pool = None
    fc = self.fc(flatten);  flatten = None
    return fc
    
