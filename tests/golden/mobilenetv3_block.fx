MobileNetV3Block(
  (stem): Module(
    (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
    (1): BatchNorm2d(16, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
  )
  (stem_act): Hardswish()
  (b1): Module(
    (expand): Module(
      (0): Conv2d(16, 48, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (1): BatchNorm2d(48, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
    )
    (act1): Hardswish()
    (dw): Module(
      (0): Conv2d(48, 48, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=48, bias=False)
      (1): BatchNorm2d(48, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
    )
    (act2): Hardswish()
    (se): Module(
      (pool): AdaptiveAvgPool2d(output_size=1)
      (fc1): Conv2d(48, 12, kernel_size=(1, 1), stride=(1, 1))
      (relu): ReLU(inplace=True)
      (fc2): Conv2d(12, 48, kernel_size=(1, 1), stride=(1, 1))
      (gate): Hardsigmoid()
    )
    (project): Module(
      (0): Conv2d(48, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (1): BatchNorm2d(16, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
    )
  )
  (b2): Module(
    (expand): Module(
      (0): Conv2d(16, 64, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (1): BatchNorm2d(64, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
    )
    (act1): Module(
      (sigmoid): Module(
        (relu): ReLU6(inplace=True)
      )
    )
    (dw): Module(
      (0): Conv2d(64, 64, kernel_size=(5, 5), stride=(2, 2), padding=(2, 2), groups=64, bias=False)
      (1): BatchNorm2d(64, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
    )
    (act2): Module(
      (sigmoid): Module(
        (relu): ReLU6(inplace=True)
      )
    )
    (se): Identity()
    (project): Module(
      (0): Conv2d(64, 24, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (1): BatchNorm2d(24, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
    )
  )
  (b3): Module(
    (expand): Module(
      (0): Conv2d(24, 72, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (1): BatchNorm2d(72, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
    )
    (act1): Module(
      (sigmoid): Module(
        (relu): ReLU6(inplace=True)
      )
    )
    (dw): Module(
      (0): Conv2d(72, 72, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=72, bias=False)
      (1): BatchNorm2d(72, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
    )
    (act2): Module(
      (sigmoid): Module(
        (relu): ReLU6(inplace=True)
      )
    )
    (se): Module(
      (pool): AdaptiveAvgPool2d(output_size=1)
      (fc1): Conv2d(72, 18, kernel_size=(1, 1), stride=(1, 1))
      (relu): ReLU(inplace=True)
      (fc2): Conv2d(18, 72, kernel_size=(1, 1), stride=(1, 1))
      (gate): Hardsigmoid()
    )
    (project): Module(
      (0): Conv2d(72, 24, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (1): BatchNorm2d(24, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
    )
  )
  (bias_pool): AdaptiveAvgPool2d(output_size=1)
  (head): Conv2d(24, 64, kernel_size=(1, 1), stride=(1, 1))
  (pool): AdaptiveAvgPool2d(output_size=1)
  (fc1): Linear(in_features=64, out_features=64, bias=True)
  (fc2): Linear(in_features=64, out_features=10, bias=True)
)



def forward(self, x):
    stem_0 = getattr(self.stem, "0")(x);  x = None
    stem_1 = getattr(self.stem, "1")(stem_0);  stem_0 = None
    stem_act = self.stem_act(stem_1);  stem_1 = None
    b1_expand_0 = getattr(self.b1.expand, "0")(stem_act)
    b1_expand_1 = getattr(self.b1.expand, "1")(b1_expand_0);  b1_expand_0 = None
    b1_act1 = self.b1.act1(b1_expand_1);  b1_expand_1 = None
    b1_dw_0 = getattr(self.b1.dw, "0")(b1_act1);  b1_act1 = None
    b1_dw_1 = getattr(self.b1.dw, "1")(b1_dw_0);  b1_dw_0 = None
    b1_act2 = self.b1.act2(b1_dw_1);  b1_dw_1 = None
    b1_se_pool = self.b1.se.pool(b1_act2)
    b1_se_fc1 = self.b1.se.fc1(b1_se_pool);  b1_se_pool = None
    b1_se_relu = self.b1.se.relu(b1_se_fc1);  b1_se_fc1 = None
    b1_se_fc2 = self.b1.se.fc2(b1_se_relu);  b1_se_relu = None
    b1_se_gate = self.b1.se.gate(b1_se_fc2);  b1_se_fc2 = None
    mul = b1_act2 * b1_se_gate;  b1_act2 = b1_se_gate = None
    b1_project_0 = getattr(self.b1.project, "0")(mul);  mul = None
    b1_project_1 = getattr(self.b1.project, "1")(b1_project_0);  b1_project_0 = None
    add = b1_project_1 + stem_act;  b1_project_1 = stem_act = None
    b2_expand_0 = getattr(self.b2.expand, "0")(add);  add = None
    b2_expand_1 = getattr(self.b2.expand, "1")(b2_expand_0);  b2_expand_0 = None
    add_1 = b2_expand_1 + 3
    b2_act1_sigmoid_relu = self.b2.act1.sigmoid.relu(add_1);  add_1 = None
    truediv = b2_act1_sigmoid_relu / 6;  b2_act1_sigmoid_relu = None
    mul_1 = b2_expand_1 * truediv;  b2_expand_1 = truediv = None
    b2_dw_0 = getattr(self.b2.dw, "0")(mul_1);  mul_1 = None
    b2_dw_1 = getattr(self.b2.dw, "1")(b2_dw_0);  b2_dw_0 = None
    add_2 = b2_dw_1 + 3
    b2_act2_sigmoid_relu = self.b2.act2.sigmoid.relu(add_2);  add_2 = None
    truediv_1 = b2_act2_sigmoid_relu / 6;  b2_act2_sigmoid_relu = None
    mul_2 = b2_dw_1 * truediv_1;  b2_dw_1 = truediv_1 = None
    b2_se = self.b2.se(mul_2);  mul_2 = None
    b2_project_0 = getattr(self.b2.project, "0")(b2_se);  b2_se = None
    b2_project_1 = getattr(self.b2.project, "1")(b2_project_0);  b2_project_0 = None
    b3_expand_0 = getattr(self.b3.expand, "0")(b2_project_1)
    b3_expand_1 = getattr(self.b3.expand, "1")(b3_expand_0);  b3_expand_0 = None
    add_3 = b3_expand_1 + 3
    b3_act1_sigmoid_relu = self.b3.act1.sigmoid.relu(add_3);  add_3 = None
    truediv_2 = b3_act1_sigmoid_relu / 6;  b3_act1_sigmoid_relu = None
    mul_3 = b3_expand_1 * truediv_2;  b3_expand_1 = truediv_2 = None
    b3_dw_0 = getattr(self.b3.dw, "0")(mul_3);  mul_3 = None
    b3_dw_1 = getattr(self.b3.dw, "1")(b3_dw_0);  b3_dw_0 = None
    add_4 = b3_dw_1 + 3
    b3_act2_sigmoid_relu = self.b3.act2.sigmoid.relu(add_4);  add_4 = None
    truediv_3 = b3_act2_sigmoid_relu / 6;  b3_act2_sigmoid_relu = None
    mul_4 = b3_dw_1 * truediv_3;  b3_dw_1 = truediv_3 = None
    b3_se_pool = self.b3.se.pool(mul_4)
    b3_se_fc1 = self.b3.se.fc1(b3_se_pool);  b3_se_pool = None
    b3_se_relu = self.b3.se.relu(b3_se_fc1);  b3_se_fc1 = None
    b3_se_fc2 = self.b3.se.fc2(b3_se_relu);  b3_se_relu = None
    b3_se_gate = self.b3.se.gate(b3_se_fc2);  b3_se_fc2 = None
    mul_5 = mul_4 * b3_se_gate;  mul_4 = b3_se_gate = None
    b3_project_0 = getattr(self.b3.project, "0")(mul_5);  mul_5 = None
    b3_project_1 = getattr(self.b3.project, "1")(b3_project_0);  b3_project_0 = None
    add_5 = b3_project_1 + b2_project_1;  b3_project_1 = b2_project_1 = None
    bias_pool = self.bias_pool(add_5)
    add_6 = add_5 + bias_pool;  add_5 = bias_pool = None
    head = self.head(add_6);  add_6 = None
    hardswish = torch.nn.functional.hardswish(head, inplace = True);  head = None
    pool = self.pool(hardswish);  hardswish = None
    flatten = pool.flatten(1);  pool = None
    fc1 = self.fc1(flatten);  flatten = None
    hardswish_1 = torch.nn.functional.hardswish(fc1, inplace = False);  fc1 = None
    fc2 = self.fc2(hardswish_1);  hardswish_1 = None
    return fc2
    
